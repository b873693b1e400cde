"""crmlib.datasets: loading, dtypes, checksums, referential integrity, DuckDB, packaging."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import sys
from pathlib import Path

import pandas as pd
import pytest

from crmlib import datasets
from crmlib.datasets import FOREIGN_KEYS, PRIMARY_KEYS, SCHEMAS, DatasetError, load
from crmlib.synth import CATEGORIES, ORDERED, TABLE_ORDER

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "datasets" / "telecom"
WINDOW = (pd.Timestamp("2023-01-01"), pd.Timestamp("2025-12-31"))


@pytest.fixture(scope="module")
def db() -> datasets.Tables:
    return load("telecom")


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*"))}


# -- what is loaded -------------------------------------------------------------------------
def test_tables_and_row_counts(db):
    assert list(db) == TABLE_ORDER == list(SCHEMAS["telecom"])
    counts = {name: len(frame) for name, frame in db.items()}
    assert counts["customers"] == 8000
    assert counts["plans"] == 13
    assert counts["network_faults"] == 8 * 36
    assert counts["value_chain"] == 5 * 3
    assert counts["funnel"] == 4 * 5 * 5
    assert 80_000 < counts["billing"] < 120_000
    assert counts["topups"] > 20_000 and counts["tickets"] > 15_000


def test_dtypes_follow_the_schema(db):
    described = datasets.describe("telecom")
    for row in described.itertuples():
        dtype = db[row.table][row.column].dtype
        if row.dtype == "category":
            assert isinstance(dtype, pd.CategoricalDtype), (row.table, row.column)
        elif row.dtype == "str":
            assert pd.api.types.is_string_dtype(dtype) or dtype == object, (row.table, row.column, dtype)
        else:
            assert str(dtype) == row.dtype, (row.table, row.column, dtype)
    assert len(described) == sum(len(c) for c in SCHEMAS["telecom"].values()) == 119


def test_categories_have_their_fixed_order(db):
    seg = db.customers["segment"].dtype
    assert list(seg.categories) == CATEGORIES["segment"] and not seg.ordered
    credit = db.customers["credit_class"].dtype
    assert list(credit.categories) == ["A", "B", "C", "D"] and credit.ordered
    assert db.funnel["stage"].dtype.ordered and "funnel_stage" in ORDERED
    # a value never seen in the data keeps its place in the category list
    assert "prepaid" in db.subscriptions["contract_type"].cat.categories


def test_primary_keys_are_unique(db):
    for table, key in PRIMARY_KEYS.items():
        frame = db[table]
        assert not frame.duplicated(list(key)).any(), table
        assert frame[list(key)].notna().all().all(), table


@pytest.mark.parametrize("table,column,ref_table,ref_column", FOREIGN_KEYS)
def test_every_foreign_key_resolves(db, table, column, ref_table, ref_column):
    values = db[table][column].dropna().astype(str)
    known = set(db[ref_table][ref_column].astype(str))
    assert set(values) <= known, f"{table}.{column}: {sorted(set(values) - known)[:5]}"


# -- referential and time integrity --------------------------------------------------------
def test_no_billing_topups_tickets_or_activity_after_churn(db):
    churn = db.churn_events.set_index("customer_id")["churn_date"]
    bill = db.billing.assign(churn=db.billing.customer_id.map(churn))
    assert (bill.churn.isna() | (bill.month <= bill.churn)).all()
    assert bill.groupby("customer_id")["month"].max().loc[churn.index.intersection(bill.customer_id)].le(churn).all()
    for table, col in (("tickets", "opened_date"), ("activities", "activity_date"),
                       ("topups", "topup_date"), ("opportunities", "opened_date")):
        frame = db[table]
        after = frame.customer_id.map(churn)
        assert (after.isna() | (frame[col] <= after)).all(), table
    contacts = db.campaign_contacts.dropna(subset=["contact_date"])
    assert (contacts.customer_id.map(churn).isna() | (contacts.contact_date <= contacts.customer_id.map(churn))).all()


def test_nothing_before_joining(db):
    join = db.customers.set_index("customer_id")["join_date"]
    bill = db.billing
    assert (bill.month >= bill.customer_id.map(join).dt.to_period("M").dt.start_time).all()
    for table, col in (("tickets", "opened_date"), ("topups", "topup_date"),
                       ("subscriptions", "start_date"), ("activities", "activity_date"),
                       ("churn_events", "churn_date")):
        frame = db[table]
        assert (frame[col] >= frame.customer_id.map(join)).all(), table
    churn = db.churn_events
    assert (churn.churn_date > churn.customer_id.map(join)).all()


def test_event_dates_fall_inside_the_window(db):
    lo, hi = WINDOW
    for table, cols in {"billing": ["month"], "topups": ["topup_date"], "tickets": ["opened_date"],
                        "churn_events": ["churn_date"], "activities": ["activity_date"],
                        "opportunities": ["opened_date", "closed_date"],
                        "campaign_contacts": ["contact_date"], "price_changes": ["effective_date"],
                        "network_faults": ["month"], "campaigns": ["start_date", "end_date"],
                        "funnel": ["quarter_start"]}.items():
        for col in cols:
            values = db[table][col].dropna()
            assert values.between(lo, hi).all(), (table, col, values.min(), values.max())
    assert db.customers.join_date.max() <= hi
    assert db.customers.join_date.min() >= pd.Timestamp("2008-01-01")
    subs = db.subscriptions
    assert (subs.end_date.isna() | (subs.end_date >= subs.start_date)).all()
    assert subs.end_date.dropna().between(lo, hi).all()
    assert set(db.cost_to_serve.year) == set(db.value_chain.year) == {2023, 2024, 2025}


def test_subscriptions_end_with_churn(db):
    subs = db.subscriptions
    assert (subs.end_date.isna() == subs.end_reason.isna()).all()
    churn = db.churn_events.set_index("customer_id")["churn_date"]
    gone = subs[subs.customer_id.isin(churn.index)]
    # a churned customer has no subscription left open, and the last ones end on the churn day
    assert gone.end_date.notna().all()
    assert (gone.groupby("customer_id")["end_date"].max() == churn.loc[gone.customer_id.unique()]).all()
    assert (subs.loc[subs.end_reason == "churned", "end_date"]
            == subs.loc[subs.end_reason == "churned", "customer_id"].map(churn)).all()
    stayed = subs[~subs.customer_id.isin(churn.index)]
    assert (stayed.end_reason != "churned").all()


def test_prepaid_customers_top_up_and_never_get_bills_or_churn_events(db):
    seg = db.customers.set_index("customer_id")["segment"]
    assert (db.topups.customer_id.map(seg) == "individual_prepaid").all()
    assert (db.billing.customer_id.map(seg) != "individual_prepaid").all()
    assert (db.churn_events.customer_id.map(seg) != "individual_prepaid").all()
    prepaid_subs = db.subscriptions[db.subscriptions.customer_id.map(seg) == "individual_prepaid"]
    assert (prepaid_subs.contract_type == "prepaid").all() and (prepaid_subs.plan_id == "PRE-PAYG").all()


def test_business_tables_agree(db):
    seg = db.customers.set_index("customer_id")["segment"]
    business = set(seg[seg.isin(["sme", "enterprise", "government"])].index)
    assert set(db.business_accounts.customer_id) == business
    assert (db.contacts.groupby("customer_id")["is_primary"].sum() == 1).all()
    acts = db.activities[db.activities.activity_date.dt.year == 2025]
    hours = acts.groupby("customer_id")["hours"].sum()
    acc = db.business_accounts.set_index("customer_id")
    assert (acc["account_manager_hours_last_year"] - hours.reindex(acc.index, fill_value=0)).abs().max() < 0.06
    custom = acts[acts.activity_type == "customisation"].groupby("customer_id").size()
    assert (acc["customisation_requests_last_year"] == custom.reindex(acc.index, fill_value=0)).all()
    manager = db.activities.groupby("customer_id")["account_manager_id"].agg(lambda s: set(s))
    assert all(manager[c] == {acc.loc[c, "account_manager_id"]} for c in manager.index)


def test_cost_to_serve_matches_its_sources(db):
    cts = db.cost_to_serve.set_index(["customer_id", "year", "activity"])["quantity"]
    tk = db.tickets.assign(year=db.tickets.opened_date.dt.year)
    minutes = tk[tk.channel.isin(["phone", "app"])].groupby(["customer_id", "year"])["handling_minutes"].sum()
    got = cts.xs("contact_centre_minute", level="activity")
    assert got.sort_index().equals(minutes[minutes > 0].astype(float).sort_index())
    field = tk[tk.channel == "field_visit"].groupby(["customer_id", "year"]).size()
    assert cts.xs("field_repair", level="activity").sort_index().equals(field.astype(float).sort_index())
    bill = db.billing.assign(year=db.billing.month.dt.year)
    late = bill[bill.days_late > 30].groupby(["customer_id", "year"]).size()
    assert cts.xs("collection_call", level="activity").sort_index().equals(late.astype(float).sort_index())
    assert (db.cost_to_serve.quantity > 0).all()


def test_fees_and_money_are_consistent(db):
    subs = db.subscriptions.set_index("subscription_id")
    pc = db.price_changes
    assert (pc.new_monthly_fee_cny - pc.old_monthly_fee_cny == 10).all()
    assert (subs.loc[pc.subscription_id, "monthly_fee_cny"].to_numpy() == pc.new_monthly_fee_cny.to_numpy()).all()
    bill = db.billing
    for col in ("revenue_cny", "network_cost_cny", "amount_paid_cny", "overdue_balance_cny", "data_gb"):
        assert (bill[col] >= 0).all(), col
    assert ((bill.days_late == 0) | (bill.days_late <= 180)).all()
    # every overdue balance is last month's plus this bill minus the payment
    b = bill.sort_values(["customer_id", "month"])
    prev = b.groupby("customer_id")["overdue_balance_cny"].shift(fill_value=0.0)
    assert (prev + b.revenue_cny - b.amount_paid_cny - b.overdue_balance_cny).abs().max() < 0.015
    assert (db.topups.amount_cny >= 10).all()
    tk = db.tickets
    assert (tk.days_to_resolve.isna() == ~tk.resolved).all()
    assert tk.satisfaction.dropna().between(1, 5).all()


# -- checksums, errors, where the data lives ----------------------------------------------
def test_manifest_lists_every_file_with_its_checksum():
    lines = (FOLDER / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    listed = dict(reversed(line.split("  ")) for line in lines)
    files = sorted(p.name for p in FOLDER.iterdir() if p.name != "SHA256SUMS")
    assert sorted(listed) == files
    for name, digest in listed.items():
        assert hashlib.sha256((FOLDER / name).read_bytes()).hexdigest() == digest, name


def test_damaged_file_is_named(tmp_path):
    copy = tmp_path / "telecom"
    shutil.copytree(FOLDER, copy)
    data = bytearray((copy / "billing.csv").read_bytes())
    data[5000] = ord("9") if data[5000] != ord("9") else ord("8")
    (copy / "billing.csv").write_bytes(bytes(data))
    with pytest.raises(DatasetError, match=r"billing\.csv is damaged: its SHA-256 checksum starts [0-9a-f]{12}"):
        load("telecom", data_dir=copy)
    # other tables still load; the damaged one is refused on its own too
    assert len(load("telecom", "plans", data_dir=copy)) == 13
    with pytest.raises(DatasetError, match="billing.csv is damaged"):
        load("telecom", "billing", data_dir=copy)
    (copy / "tickets.csv").unlink()
    with pytest.raises(DatasetError, match=r"tickets\.csv is missing"):
        load("telecom", "tickets", data_dir=copy)


def test_wrong_columns_are_reported_even_when_the_checksum_was_updated(tmp_path):
    copy = tmp_path / "telecom"
    shutil.copytree(FOLDER, copy)
    text = (copy / "plans.csv").read_text(encoding="utf-8").replace("monthly_fee_cny", "fee", 1)
    (copy / "plans.csv").write_text(text, encoding="utf-8", newline="\n")
    sums = (copy / "SHA256SUMS").read_text(encoding="utf-8")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    sums = re.sub(r"^[0-9a-f]{64}  plans\.csv$", f"{digest}  plans.csv", sums, flags=re.M)
    (copy / "SHA256SUMS").write_text(sums, encoding="utf-8", newline="\n")
    with pytest.raises(DatasetError, match=r"plans\.csv: the columns should be .*missing: monthly_fee_cny; unexpected: fee"):
        load("telecom", "plans", data_dir=copy)


def test_unknown_names_list_the_choices():
    with pytest.raises(DatasetError, match="unknown dataset 'bank'; the available datasets are: telecom"):
        load("bank")
    with pytest.raises(DatasetError, match="the tables are: customers, business_accounts"):
        load("telecom", "clients")
    with pytest.raises(AttributeError, match="no table 'clients'"):
        load("telecom").clients  # noqa: B018


def test_errors_follow_the_language(tmp_path):
    import crmlib

    crmlib.set_language("zh")
    try:
        with pytest.raises(DatasetError, match="未知数据集 'bank'"):
            load("bank")
    finally:
        crmlib.set_language("en")


def test_loads_from_any_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert len(load("telecom", "customers")) == 8000
    assert datasets.data_root() == FOLDER.parent


def test_loading_never_writes_into_the_data_folder(tmp_path):
    before = _snapshot(FOLDER.parent)
    load("telecom")
    con = datasets.connect()
    con.execute("SELECT count(*) FROM billing").fetchone()
    con.close()
    assert _snapshot(FOLDER.parent) == before
    # and it works from a read-only copy
    copy = tmp_path / "ro"
    shutil.copytree(FOLDER, copy)
    for p in [*copy.iterdir(), copy]:
        p.chmod(stat.S_IREAD | (stat.S_IEXEC if p.is_dir() else 0))
    try:
        assert len(load("telecom", "funnel", data_dir=copy)) == 100
    finally:
        for p in [copy, *copy.iterdir()]:
            p.chmod(stat.S_IRWXU)


def test_size_fits_in_git():
    total = sum(p.stat().st_size for p in FOLDER.iterdir())
    assert total < 10_000_000, total


# -- DuckDB ----------------------------------------------------------------------------------
def test_connect_has_every_table_as_a_view(db):
    con = datasets.connect()
    try:
        views = {r[0] for r in con.execute(
            "SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        assert set(TABLE_ORDER) <= views
        for name in TABLE_ORDER:
            assert con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] == len(db[name]), name
        kinds = dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                             "WHERE table_name = 'billing'").fetchall())
        assert kinds["month"] == "DATE" and kinds["revenue_cny"] == "DOUBLE"
        # a customer-360 query: revenue, tickets and churn per segment
        row = con.execute("""
            WITH rev AS (SELECT customer_id, sum(revenue_cny) AS revenue FROM billing GROUP BY 1),
                 tk AS (SELECT customer_id, count(*) AS tickets FROM tickets GROUP BY 1)
            SELECT c.segment, count(*) AS n, sum(coalesce(rev.revenue, 0)) AS revenue,
                   sum(coalesce(tk.tickets, 0)) AS tickets, count(ch.customer_id) AS churned
            FROM customers c LEFT JOIN rev USING (customer_id) LEFT JOIN tk USING (customer_id)
            LEFT JOIN churn_events ch USING (customer_id)
            WHERE c.segment = 'enterprise' GROUP BY 1""").fetchone()
        ent = db.customers[db.customers.segment == "enterprise"].customer_id
        assert row[1] == len(ent)
        assert row[2] == pytest.approx(db.billing[db.billing.customer_id.isin(ent)].revenue_cny.sum())
        assert row[4] == db.churn_events.customer_id.isin(ent).sum()
    finally:
        con.close()


# -- data card and packaging ------------------------------------------------------------------
def test_data_card_documents_every_table_column_count_and_checksum(db):
    card = (ROOT / "datasets" / "README.md").read_text(encoding="utf-8")
    for table, cols in SCHEMAS["telecom"].items():
        assert f"### {table}" in card, table
        section = card.split(f"### {table}", 1)[1].split("\n### ", 1)[0]
        for col in cols:
            assert f"`{col}`" in section, (table, col)
    for line in (FOLDER / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ")
        rows = f"{len(db[name[:-4]]):,}" if name.endswith(".csv") else "-"
        assert re.search(rf"\| `{re.escape(name)}` \| {re.escape(rows)} \| `{digest}` \|", card), name


def test_every_subpackage_ships_in_the_wheel():
    tomllib = pytest.importorskip("tomllib")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "crmlib").rglob("__init__.py")}
    assert found <= listed, f"add to [tool.setuptools] packages in pyproject.toml: {sorted(found - listed)}"
    assert config["package-dir"]["crmlib._datasets"] == "datasets"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_data_files_are_plain_text():
    for p in FOLDER.iterdir():
        data = p.read_bytes()
        assert b"\r" not in data and not data.startswith(b"\xef\xbb\xbf"), p.name
        assert data.endswith(b"\n"), p.name
        assert os.access(p, os.R_OK)
