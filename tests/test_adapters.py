"""crmlib.adapters: a public churn table (IBM telco) and the kit's own data in one schema."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from crmlib import adapters
from crmlib.datasets import load

ROOT = Path(__file__).resolve().parents[1]
IBM_FILE = Path("ibm_telco_churn") / "Telco-Customer-Churn.csv"


def realdata_folder() -> Path:
    """$CRMLIB_REALDATA if set, else the shared folder next to the repository."""
    env = os.environ.get("CRMLIB_REALDATA")
    return Path(env) if env else ROOT.parent / "shared" / "realdata"


@pytest.fixture(scope="module")
def ibm_raw() -> pd.DataFrame:
    path = realdata_folder() / IBM_FILE
    if not path.is_file():
        message = (f"IBM telco file not found at {path}; set CRMLIB_REALDATA to the folder that "
                   f"holds {IBM_FILE}")
        if os.environ.get("CI"):
            pytest.fail(message + " (CI is set, so this test must not be skipped)")
        pytest.skip(message)
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def test_ibm_telco_maps_onto_the_kit_schema(ibm_raw):
    churn = adapters.ibm_telco(ibm_raw)
    assert list(churn.columns) == list(adapters.CHURN_COLUMNS)
    assert len(churn) == 7043 and churn.customer_id.is_unique
    assert churn.attrs["currency"] == "USD"
    assert str(churn.tenure_months.dtype) == "int64" and churn.tenure_months.between(0, 72).all()
    assert churn.tenure_months.mean() == pytest.approx(32.37, abs=0.01)
    assert churn.churned.sum() == 1869
    assert churn.churned.mean() == pytest.approx(0.2654, abs=0.0001)
    by_contract = churn.groupby("contract_type", observed=True)["churned"].agg(["size", "mean"])
    assert by_contract["size"].to_dict() == {"month_to_month": 3875, "12_months": 1473, "24_months": 1695}
    assert by_contract.loc["month_to_month", "mean"] == pytest.approx(0.427, abs=0.001)
    assert by_contract.loc["24_months", "mean"] == pytest.approx(0.028, abs=0.001)
    assert churn.monthly_fee.between(18.25, 118.75).all()
    assert churn.monthly_fee.mean() == pytest.approx(64.76, abs=0.01)
    # the 11 blank TotalCharges all belong to brand-new customers and become 0
    new = churn[churn.tenure_months == 0]
    assert len(new) == 11 and (new.total_revenue == 0).all()
    assert churn.total_revenue.notna().all()
    # PaperlessBilling is inverted into paper_bill
    assert churn.paper_bill.sum() == (ibm_raw.PaperlessBilling == "No").sum()
    # phone + internet together churn MORE in IBM's file (32.8 % vs 12.8 %), unlike Skyline's
    # bundles: the same function shows learners that a driver's sign depends on the market
    assert churn.has_bundle.sum() == 4835
    bundle = churn.groupby("has_bundle")["churned"].mean()
    assert bundle[True] == pytest.approx(0.328, abs=0.001) and bundle[False] == pytest.approx(0.128, abs=0.001)


def test_kit_data_in_the_same_schema():
    churn = adapters.telecom_churn_table(load("telecom"))
    assert list(churn.columns) == list(adapters.CHURN_COLUMNS)
    assert churn.attrs["currency"] == "CNY"
    assert len(churn) == 4609 == (load("telecom", "customers").segment != "individual_prepaid").sum()
    assert churn.churned.sum() == len(load("telecom", "churn_events"))
    assert churn.contract_type.notna().all() and churn.tenure_months.ge(0).all()
    rates = churn.groupby("contract_type", observed=True)["churned"].mean()
    assert rates["month_to_month"] > rates["12_months"] > rates["24_months"]
    bundles = churn.groupby("has_bundle")["churned"].mean()
    assert bundles[True] < bundles[False]
    assert churn.total_revenue.sum() == pytest.approx(load("telecom", "billing").revenue_cny.sum())


def test_own_column_map_and_value_map():
    raw = pd.DataFrame({"id": ["x1", "x2", "x3"], "m": ["5", "0", "30"],
                        "plan": ["flex", "flex", "two"], "fee": [10.0, 12.0, 8.0],
                        "total": ["50", "", "240"], "gone": [1, 0, 0]})
    out = adapters.to_churn_table(
        raw, columns={"customer_id": "id", "tenure_months": "m", "contract_type": "plan",
                      "monthly_fee": "fee", "total_revenue": "total", "churned": "gone",
                      "segment": lambda df: ["sme", "sme", "enterprise"]},
        values={"contract_type": {"flex": "month_to_month", "two": "24_months"},
                "churned": {1: True, 0: False}}, currency="EUR")
    assert out.tenure_months.tolist() == [5, 0, 30]
    assert out.total_revenue.tolist() == [50.0, 0.0, 240.0]
    assert out.churned.tolist() == [True, False, False]
    assert out.segment.astype(str).tolist() == ["sme", "sme", "enterprise"]
    assert out.has_bundle.isna().all() and out.attrs["currency"] == "EUR"


@pytest.mark.parametrize("change,message", [
    (lambda d: d.drop(columns="plan"), "column 'plan' (for contract_type) not found; the table has: id, m, fee, total, gone"),
    (lambda d: d.assign(plan=["flex", "three", "two"]), "column 'plan' (for contract_type) has value(s) 'three' not in its value map"),
    (lambda d: d.assign(total=["50", "", ""]), r"column 'total' \(for total_revenue\) is blank in 2 row\(s\), including customers with tenure > 0 \(file lines \[4\]\)"),
    (lambda d: d.assign(fee=[10.0, "ten", 8.0]), "column 'fee' (for monthly_fee) has non-numeric value(s): 'ten'"),
    (lambda d: d.assign(id=["x1", "x1", "x3"]), "must be unique; 'x1' repeats"),
    (lambda d: d.assign(m=["5", "-1", "30"]), "must hold whole months >= 0"),
    (lambda d: d.assign(gone=[1, 2, 0]), "column 'gone' (for churned) has value(s) 2 not in its value map"),
])
def test_bad_input_gets_one_clear_error(change, message):
    raw = pd.DataFrame({"id": ["x1", "x2", "x3"], "m": ["5", "0", "30"], "plan": ["flex", "flex", "two"],
                        "fee": [10.0, 12.0, 8.0], "total": ["50", "", "240"], "gone": [1, 0, 0]})
    columns = {"customer_id": "id", "tenure_months": "m", "contract_type": "plan",
               "monthly_fee": "fee", "total_revenue": "total", "churned": "gone"}
    values = {"contract_type": {"flex": "month_to_month", "two": "24_months"}, "churned": {1: True, 0: False}}
    with pytest.raises(ValueError, match=message if message.startswith("column 'total'") else None) as err:
        adapters.to_churn_table(change(raw), columns=columns, values=values)
    if not message.startswith("column 'total'"):
        assert message in str(err.value)


def test_unknown_kit_columns_and_missing_maps_are_named():
    with pytest.raises(ValueError, match="unknown kit column\\(s\\) 'tenure'; the kit's columns are: customer_id"):
        adapters.to_churn_table(pd.DataFrame({"a": [1]}), columns={"tenure": "a"})
    with pytest.raises(ValueError, match="must give one of month_to_month, 12_months, 24_months, prepaid"):
        adapters.to_churn_table(
            pd.DataFrame({"a": ["1"], "c": ["Month-to-month"], "y": [True]}),
            columns={"customer_id": "a", "tenure_months": "a", "contract_type": "c",
                     "monthly_fee": "a", "total_revenue": "a", "churned": "y"})
    with pytest.raises(ValueError, match="frame must be a pandas DataFrame; got list"):
        adapters.to_churn_table([1, 2], columns={})
    with pytest.raises(ValueError, match="tables must include billing, churn_events, customers"):
        adapters.telecom_churn_table({"customers": pd.DataFrame()})
