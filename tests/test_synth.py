"""crmlib.synth: byte-identical regeneration, parameters, CLI, and every planted effect.

The planted effects are measured here from the committed data with plain pandas (not with the
generator's code), and compared with the sizes the data card states.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crmlib import synth
from crmlib.datasets import SCHEMAS, load

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "datasets" / "telecom"


@pytest.fixture(scope="module")
def db():
    return load("telecom")


# -- regeneration ------------------------------------------------------------------------------
def test_regenerating_the_default_is_byte_identical(tmp_path):
    params = synth.TelecomParams()
    sums = synth.write(synth.generate(params), tmp_path, params)
    manifest = dict(reversed(line.split("  ")) for line in
                    (FOLDER / "SHA256SUMS").read_text(encoding="utf-8").splitlines())
    assert sums == manifest
    assert (tmp_path / "SHA256SUMS").read_bytes() == (FOLDER / "SHA256SUMS").read_bytes()
    meta = json.loads((FOLDER / "parameters.json").read_text(encoding="utf-8"))
    assert meta["parameters"]["seed"] == 20251231 and meta["parameters"]["customers"] == 8000


def test_same_seed_same_tables_other_seed_other_tables():
    a = synth.generate(customers=300, seed=5)
    b = synth.generate(customers=300, seed=5)
    c = synth.generate(customers=300, seed=6)
    for name in synth.TABLE_ORDER:
        pd.testing.assert_frame_equal(a[name], b[name])
    assert not a["billing"].equals(c["billing"])
    # the market-level tables that do not depend on customers stay put
    pd.testing.assert_frame_equal(a["value_chain"], c["value_chain"])


def test_generated_tables_have_the_documented_columns_and_dtypes(tmp_path):
    tables = synth.generate(customers=500, seed=3)
    assert list(tables) == list(SCHEMAS["telecom"])
    for name, frame in tables.items():
        assert list(frame.columns) == list(SCHEMAS["telecom"][name]), name
    # written and read back, the tables are equal (dtypes included)
    synth.write(tables, tmp_path, synth.TelecomParams(customers=500, seed=3))
    back = load("telecom", data_dir=tmp_path)
    for name in synth.TABLE_ORDER:
        left, right = tables[name], back[name]
        for col in left.columns:
            if pd.api.types.is_float_dtype(left[col].dtype):
                assert np.allclose(left[col], right[col], atol=0.005, equal_nan=True), (name, col)
            elif pd.api.types.is_string_dtype(right[col].dtype) and not isinstance(right[col].dtype, pd.CategoricalDtype):
                assert left[col].astype(str).tolist() == right[col].astype(str).tolist(), (name, col)
            else:
                pd.testing.assert_series_equal(left[col], right[col], check_names=False), (name, col)


def test_bad_parameters_get_one_clear_error():
    with pytest.raises(ValueError, match="customers must be a whole number of at least 50; got 10"):
        synth.generate(customers=10)
    with pytest.raises(TypeError, match="unknown parameter 'custmers'"):
        synth.generate(custmers=100)
    with pytest.raises(ValueError, match="segment_shares must give a non-negative share for each of"):
        synth.generate(customers=100, segment_shares=(("individual_postpaid", 1.0),))
    with pytest.raises(ValueError, match="retention_date must fall inside the window"):
        synth.generate(customers=100, retention_date="2031-01-01")
    with pytest.raises(KeyError, match="no category list 'colour'"):
        synth.category_dtype("colour")


def test_parameters_are_frozen_and_serialisable():
    p = synth.TelecomParams()
    with pytest.raises(AttributeError):
        p.seed = 1  # type: ignore[misc]
    assert replace(p, seed=1).seed == 1
    assert json.loads(json.dumps(p.as_dict()))["bgnbd_r"] == 0.5


def test_cli_writes_a_loadable_dataset(tmp_path, capsys):
    assert synth.main(["--out", str(tmp_path / "small"), "--customers", "400", "--seed", "9"]) == 0
    out = capsys.readouterr().out
    assert "customers.csv" in out and "SHA256SUMS" in out
    small = load("telecom", data_dir=tmp_path / "small")
    assert len(small.customers) == 400
    with pytest.raises(SystemExit):
        synth.main(["--out", str(tmp_path / "x"), "--customers", "5"])
    assert "customers must be a whole number" in capsys.readouterr().err


def test_csv_text_is_canonical():
    frame = pd.DataFrame({"x": [-0.0, 1.005, 2.5, np.nan], "s": ["a,b", 'q"', "c", None]})
    assert synth.to_csv_bytes(frame).decode() == 'x,s\n0,"a,b"\n1,"q"""\n2.5,c\n,\n'


# -- measuring the planted effects from the committed data ------------------------------------
def customer_months(db) -> pd.DataFrame:
    """One row per contract customer and billed month at risk, with churn and its drivers."""
    cust = db.customers.set_index("customer_id")
    churn = db.churn_events.set_index("customer_id")["churn_date"]
    b = db.billing[["customer_id", "month"]].copy()
    b["segment"] = b.customer_id.map(cust.segment)
    b["region"] = b.customer_id.map(cust.region)
    join = b.customer_id.map(cust.join_date)
    b = b[join.dt.to_period("M") < b.month.dt.to_period("M")].copy()       # at risk after the join month
    join = b.customer_id.map(cust.join_date)
    b["tenure_years"] = (b.month - join).dt.days / 365.25
    cd = b.customer_id.map(churn)
    b["churned"] = cd.notna() & (cd.dt.to_period("M") == b.month.dt.to_period("M"))
    subs = db.subscriptions.merge(db.plans[["plan_id", "product_line"]], on="plan_id")
    first = subs.sort_values("start_date").groupby("customer_id")["contract_type"].first()
    b["contract"] = b.customer_id.map(first).astype(str)
    # product lines live in the month: bundle plan, or two lines (mobile + broadband)
    m = b[["customer_id", "month"]].reset_index().merge(subs, on="customer_id")
    live = (m.start_date < m.month + pd.offsets.MonthBegin(1)) & (m.end_date.isna() | (m.end_date >= m.month))
    m = m[live]
    grouped = m.assign(is_bundle=m.product_line == "bundle").groupby("index")
    bundled = grouped["is_bundle"].any() | (grouped["product_line"].nunique() > 1)
    b["bundle"] = bundled.reindex(b.index, fill_value=False).astype(bool)
    f = db.network_faults.assign(rate=lambda d: d.faults / d.cell_sites * 100)
    b = b.merge(f[["region", "month", "rate"]], on=["region", "month"], how="left").rename(columns={"rate": "fault_rate"})
    tk = db.tickets
    bad = tk[tk.ticket_type.isin(["complaint", "billing_dispute"]) & ~tk.resolved]
    bad_months = pd.MultiIndex.from_arrays([bad.customer_id, bad.opened_date.dt.to_period("M")])
    period = b.month.dt.to_period("M")
    b["unresolved"] = False
    for lag in (1, 2, 3):
        b["unresolved"] |= pd.MultiIndex.from_arrays([b.customer_id, period - lag]).isin(bad_months)
    pc = db.price_changes.merge(db.subscriptions[["subscription_id", "customer_id"]], on="subscription_id")
    rise = b.customer_id.map(pc.groupby("customer_id")["effective_date"].min())
    b["price_rise"] = rise.notna() & (b.month >= rise) & (b.month < rise + pd.DateOffset(months=6))
    b["rise_customer"] = rise.notna()
    return b


@pytest.fixture(scope="module")
def months(db):
    return customer_months(db)


def rate(frame: pd.DataFrame) -> float:
    return float(frame["churned"].mean())


def test_churn_by_contract(months):
    ip = months[months.segment == "individual_postpaid"]
    m2m, c12, c24 = (rate(ip[ip.contract == c]) for c in ("month_to_month", "12_months", "24_months"))
    assert m2m == pytest.approx(0.0406, abs=0.001)
    assert c12 == pytest.approx(0.0172, abs=0.001)
    assert c24 == pytest.approx(0.0108, abs=0.001)
    assert m2m > 3 * c24


def test_churn_falls_with_tenure(months):
    ip = months[months.segment == "individual_postpaid"]
    bands = pd.cut(ip.tenure_years, [0, 1, 3, 6, 20], right=False)
    by_band = ip.groupby(bands, observed=True)["churned"].mean().to_numpy()
    assert (np.diff(by_band) < 0).all(), by_band
    assert by_band[0] == pytest.approx(0.0371, abs=0.001)
    assert by_band[-1] == pytest.approx(0.0180, abs=0.001)


def test_churn_falls_with_bundles(months):
    ip = months[months.segment == "individual_postpaid"]
    with_b, without = rate(ip[ip.bundle]), rate(ip[~ip.bundle])
    assert without == pytest.approx(0.0304, abs=0.001)
    assert with_b == pytest.approx(0.0167, abs=0.001)


def test_churn_rises_with_faults_in_the_region(months, db):
    bands = pd.cut(months.fault_rate, [0, 4, 6, 100], right=False)
    by_band = months.groupby(bands, observed=True)["churned"].mean().to_numpy()
    assert (np.diff(by_band) > 0).all(), by_band
    assert by_band[-1] / by_band[0] == pytest.approx(1.75, abs=0.02)
    # the surge: Riverside's faults tripled from April 2024 to March 2025
    f = db.network_faults.assign(rate=lambda d: d.faults / d.cell_sites * 100)
    river = f[f.region == "riverside"].set_index("month")["rate"]
    assert river["2024-04":"2025-03"].mean() > 2.5 * river["2023-01":"2024-03"].mean()


def test_churn_rises_with_unresolved_complaints(months):
    yes, no = rate(months[months.unresolved]), rate(months[~months.unresolved])
    assert no == pytest.approx(0.0207, abs=0.001)
    assert yes == pytest.approx(0.0537, abs=0.001)


def test_churn_rises_after_a_price_rise(months):
    window = months[(months.month >= "2024-07-01") & (months.month < "2025-01-01")
                    & (months.segment == "individual_postpaid") & (months.contract == "month_to_month")]
    hit, spared = rate(window[window.price_rise]), rate(window[~window.rise_customer])
    assert hit == pytest.approx(0.0743, abs=0.001)
    assert spared == pytest.approx(0.0348, abs=0.001)


def test_a_logistic_model_recovers_the_planted_churn_drivers(months):
    linear_model = pytest.importorskip("sklearn.linear_model")
    x = pd.DataFrame({
        "month_to_month": months.contract == "month_to_month",
        "24_months": months.contract == "24_months",
        "log_tenure": np.log1p(months.tenure_years),
        "bundle": months.bundle,
        "faults_above_3": np.maximum(months.fault_rate - 3, 0),
        "unresolved": months.unresolved,
        "price_rise": months.price_rise,
    }).astype(float)
    for seg in ("sme", "enterprise", "government"):
        x[seg] = (months.segment == seg).astype(float)
    model = linear_model.LogisticRegression(C=1e6, max_iter=2000).fit(x, months.churned)
    coef = dict(zip(x.columns, model.coef_[0]))
    p = synth.TelecomParams()
    truth = {"month_to_month": p.churn_logit_month_to_month, "24_months": p.churn_logit_24_months,
             "log_tenure": p.churn_logit_per_log_tenure, "bundle": p.churn_logit_bundle,
             "faults_above_3": p.churn_logit_per_fault, "unresolved": p.churn_logit_unresolved_complaint,
             "price_rise": p.churn_logit_price_rise}
    for name, value in truth.items():
        assert np.sign(coef[name]) == np.sign(value), name
        assert coef[name] == pytest.approx(value, abs=max(0.25, 0.35 * abs(value))), (name, coef[name])


def profit_2025(db) -> pd.DataFrame:
    bill = db.billing[db.billing.month.dt.year == 2025]
    y = bill.groupby("customer_id")[["revenue_cny", "network_cost_cny"]].sum()
    y["margin"] = y.revenue_cny - y.network_cost_cny
    unit = db.activity_costs.set_index("activity")["unit_cost_cny"]
    cts = db.cost_to_serve[db.cost_to_serve.year == 2025]
    serve = (cts.quantity * cts.activity.map(unit).astype(float)).groupby(cts.customer_id).sum()
    y["serve"] = serve.reindex(y.index, fill_value=0.0)
    y["profit"] = y.margin - y.serve
    return y


def test_margin_is_concentrated(db):
    y = profit_2025(db)
    margin = y.margin.sort_values(ascending=False)
    top = int(np.ceil(0.2 * len(margin)))
    assert len(margin) == 3103
    assert margin.iloc[:top].sum() / margin.sum() == pytest.approx(0.885, abs=0.005)


def test_whale_curve_after_activity_based_costing(db):
    y = profit_2025(db)
    profit = y.profit.sort_values(ascending=False)
    curve = profit.cumsum() / profit.sum()
    top = int(np.ceil(0.2 * len(profit)))
    assert curve.max() == pytest.approx(1.795, abs=0.005)
    assert curve.iloc[top - 1] == pytest.approx(1.55, abs=0.01)
    assert (profit < 0).mean() == pytest.approx(0.090, abs=0.005)
    # some of the largest-revenue accounts lose money once cost-to-serve is counted,
    # though every one of them covers its network cost
    biggest = y.sort_values("revenue_cny", ascending=False).head(10)
    assert (biggest.margin > 0).all()
    assert (biggest.profit < 0).sum() == 4


def churned_within(db, campaign: str, days: int) -> pd.DataFrame:
    cc = db.campaign_contacts[db.campaign_contacts.campaign_id == campaign].copy()
    start = db.campaigns.set_index("campaign_id").loc[campaign, "start_date"]
    churn = cc.customer_id.map(db.churn_events.set_index("customer_id")["churn_date"])
    cc["churned"] = churn.notna() & (churn < start + pd.Timedelta(days=days))
    first = db.subscriptions.sort_values("start_date").groupby("customer_id")["contract_type"].first()
    cc["in_contract"] = cc.customer_id.map(first) != "month_to_month"
    return cc


def test_retention_offer_helps_month_to_month_and_hurts_contract_customers(db):
    cc = churned_within(db, "CP01", 92)
    share = cc.groupby(["in_contract", "group"], observed=True)["churned"].mean()
    m2m_uplift = share[(False, "control")] - share[(False, "treatment")]
    contract_uplift = share[(True, "control")] - share[(True, "treatment")]
    assert m2m_uplift == pytest.approx(0.113, abs=0.005)       # fewer leave when offered
    assert contract_uplift == pytest.approx(-0.026, abs=0.005)  # more leave when reminded
    counts = cc.groupby(["in_contract", "group"], observed=True).size()
    assert counts.min() > 250
    # randomised: the control share is what the campaign table says
    assert (cc.group == "control").mean() == pytest.approx(0.40, abs=0.03)
    assert not cc.loc[cc.group == "control", "accepted_offer"].any()
    assert cc.loc[cc.group == "control", "contact_date"].isna().all()


def test_cross_sell_and_upgrade_campaigns_have_positive_uplift(db):
    subs = db.subscriptions
    camp = db.campaigns.set_index("campaign_id")
    cc = db.campaign_contacts
    x = cc[cc.campaign_id == "CP02"]
    start = camp.loc["CP02", "start_date"]
    new_bb = subs[(subs.plan_id == "BB-300") & subs.start_date.between(start, camp.loc["CP02", "end_date"])]
    took = x.customer_id.isin(new_bb.customer_id).groupby(x.group, observed=True).mean()
    assert took["treatment"] == pytest.approx(0.097, abs=0.005)
    assert took["control"] == pytest.approx(0.028, abs=0.005)
    u = cc[cc.campaign_id == "CP03"]
    upgraded = subs[(subs.end_reason == "upgraded")]
    took = u.customer_id.isin(upgraded.customer_id).groupby(u.group, observed=True).mean()
    assert took["treatment"] - took["control"] == pytest.approx(0.053, abs=0.005)


def test_funnel_has_one_clear_bottleneck(db):
    f = db.funnel.groupby("stage", observed=True)["people"].sum()
    conversion = (f / f.shift()).dropna()
    assert conversion.idxmin() == "activation"
    assert conversion["activation"] == pytest.approx(0.55, abs=0.01)
    assert conversion.drop("activation").min() - conversion["activation"] > 0.09
    by_channel = db.funnel.pivot_table(index="channel", columns="stage", values="people",
                                       aggfunc="sum", observed=True)
    act = by_channel["activation"] / by_channel["sign_up"]
    assert act.idxmin() == "online" and act["online"] < 0.42


def test_value_chain_weakest_link_is_user_service(db):
    vc = db.value_chain.assign(added=lambda d: d.revenue_attributed_cny_million - d.cost_cny_million)
    last = vc[vc.year == 2025].set_index("link")["added"]
    assert last.idxmin() == "user_service" and last["user_service"] == -43.0
    assert (vc[vc.link == "user_service"].sort_values("year")["added"].to_numpy() == [25.0, -16.0, -43.0]).all()
    assert vc[vc.year == 2025].revenue_attributed_cny_million.sum() == pytest.approx(4925.0)


def test_prepaid_buyers_differ_in_frequency_and_stop_silently(db):
    tu = db.topups
    cust = db.customers.set_index("customer_id")
    cohort = cust[(cust.segment == "individual_prepaid") & (cust.join_date.dt.year == 2023)].index
    per = tu[tu.customer_id.isin(cohort)].groupby("customer_id").size().reindex(cohort, fill_value=0)
    assert len(cohort) == 437
    assert per.min() == 1                                # everyone tops up at activation
    assert (per == 1).mean() == pytest.approx(0.114, abs=0.005)   # never came back
    assert per.quantile(0.9) > 4 * per.median()           # heavy buyers and light ones
    last = tu[tu.customer_id.isin(cohort)].groupby("customer_id")["topup_date"].max()
    silent = (last < "2025-07-01").mean()
    assert silent == pytest.approx(0.691, abs=0.005)       # no top-up in the last six months
    assert tu.amount_cny.mean() == pytest.approx(27.82, abs=0.01)


def test_churn_reasons_follow_the_drivers(db, months):
    reasons = db.churn_events.reason.value_counts(normalize=True)
    assert reasons.idxmax() == "competitor_offer"
    churned = months[months.churned]
    by_unres = churned.merge(db.churn_events, on="customer_id").groupby("unresolved")["reason"].apply(
        lambda r: (r == "service").mean())
    assert by_unres[True] > 3 * by_unres[False]
