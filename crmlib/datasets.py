"""The kit's data: load a dataset's tables into pandas, or query them in DuckDB with SQL.

The telecom case follows Skyline Telecom (天际通信), a fictional operator. Its CRM database is
committed under ``datasets/telecom`` as plain CSV files with a ``SHA256SUMS`` manifest; the data
card is ``datasets/README.md``. Every load checks the files against the manifest and converts each
column to its documented type (dates as ``datetime64[ns]``, categories as ordered-or-not
``Categorical`` with a fixed order, nullable integers as ``Int64``). Nothing is ever written into
the data folder.

>>> db = load("telecom")
>>> db["customers"].shape[0]
8000
>>> db.customers["segment"].cat.categories[:2].tolist()
['individual_postpaid', 'individual_prepaid']
>>> con = connect()
>>> con.execute("SELECT count(*) FROM churn_events").fetchone()[0] == len(db.churn_events)
True
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

import pandas as pd

from crmlib.i18n import t

#: Column kinds: id / text (strings), cat:<list> (Categorical, list in crmlib.schema.CATEGORIES),
#: date (datetime64[ns]), int (int64), Int64 (nullable integer), float, bool.
#: A trailing "?" means the column may be empty (missing); otherwise it never is.
SCHEMAS: dict[str, dict[str, dict[str, tuple[str, str]]]] = {"telecom": {
    "customers": {
        "customer_id": ("id", "customer key, 'C' + six digits, numbered in order of joining"),
        "segment": ("cat:segment", "individual_postpaid, individual_prepaid, sme (small/medium firm), enterprise (key account) or government"),
        "region": ("cat:region", "the district of the city branch where the customer is served"),
        "join_date": ("date", "day the customer first signed up (may be before the 2023-2025 window)"),
        "acquisition_channel": ("cat:channel", "channel that won the customer"),
        "acquisition_cost_cny": ("float", "one-off cost of winning the customer, CNY (commission, subsidy, sales time)"),
        "credit_score": ("int", "credit score at sign-up, 300 (worst) to 850 (best)"),
        "credit_class": ("cat:credit_class", "A (score 750+), B (650-749), C (550-649), D (below 550)"),
        "age": ("Int64", "age in years at the end of 2025, individuals only (empty for businesses)"),
        "employees": ("Int64", "number of employees, businesses only (empty for individuals)"),
        "paper_bill": ("bool", "true if the customer receives printed bills by post"),
    },
    "business_accounts": {
        "customer_id": ("id", "customer key (sme, enterprise and government customers only)"),
        "industry": ("cat:industry", "the account's industry"),
        "account_manager_id": ("text", "AM01-AM24 for a named key-account manager; TEAM-SME for the pooled SME desk"),
        "negotiated_discount_pct": ("float", "discount off list price on every subscription, percent"),
        "account_manager_hours_last_year": ("float", "hours logged in activities in 2025 (the last full year)"),
        "customisation_requests_last_year": ("int", "customised contracts or solutions requested in 2025"),
        "wallet_size_cny_per_year": ("float", "estimated total telecom spend of the organisation with all operators, CNY per year (potential value)"),
        "reference_customer": ("bool", "agreed to act as a public reference (a benchmark others copy)"),
        "co_developed_product": ("bool", "developed a product or service together with Skyline (a source of inspiration)"),
    },
    "contacts": {
        "contact_id": ("id", "contact person key, 'K' + six digits (names are not kept)"),
        "customer_id": ("id", "the business account the person works for"),
        "role": ("cat:contact_role", "the person's role in buying or running the service"),
        "is_primary": ("bool", "true for the account's main contact (exactly one per account)"),
        "preferred_channel": ("cat:preferred_channel", "how the person prefers to be contacted"),
    },
    "activities": {
        "activity_id": ("id", "CRM activity key, 'A' + seven digits"),
        "customer_id": ("id", "business account the activity was for"),
        "activity_date": ("date", "day of the activity"),
        "activity_type": ("cat:activity_type", "call, visit, meeting, proposal or customisation (a customised contract or solution)"),
        "account_manager_id": ("text", "who did it (see business_accounts)"),
        "hours": ("float", "staff hours spent"),
    },
    "opportunities": {
        "opportunity_id": ("id", "sales opportunity key, 'O' + six digits"),
        "customer_id": ("id", "business account"),
        "product_line": ("cat:product_line", "what is being sold"),
        "opened_date": ("date", "day the opportunity was opened"),
        "stage": ("cat:opportunity_stage", "prospecting, proposal, negotiation (still open), won or lost (closed)"),
        "expected_value_cny_per_year": ("float", "extra revenue per year if won, CNY"),
        "closed_date": ("date?", "day it was won or lost (empty while open)"),
    },
    "plans": {
        "plan_id": ("id", "plan key, e.g. MOB-S"),
        "plan_name": ("text", "name on the price list"),
        "product_line": ("cat:product_line", "mobile, broadband, bundle (mobile + home broadband), enterprise_line or prepaid"),
        "market": ("cat:market", "consumer or business"),
        "monthly_fee_cny": ("float", "list price per fee unit per month, CNY"),
        "fee_unit": ("cat:fee_unit", "what the fee is charged for: per_line (SIM), per_connection or per_account"),
        "data_gb": ("int", "mobile data included per unit per month, GB"),
        "voice_minutes": ("int", "voice minutes included per unit per month"),
        "broadband_mbps": ("int", "fixed broadband or line speed, Mbit/s (0 if none)"),
    },
    "subscriptions": {
        "subscription_id": ("id", "subscription (contract) key, 'S' + seven digits"),
        "customer_id": ("id", "customer holding the subscription"),
        "plan_id": ("id", "plan (see plans)"),
        "quantity": ("int", "number of lines or connections (1 for individuals)"),
        "contract_type": ("cat:contract_type", "month_to_month, 12_months, 24_months (renewed automatically for the same term) or prepaid (no contract)"),
        "start_date": ("date", "day the subscription started"),
        "end_date": ("date?", "day it ended (empty if still active on 2025-12-31)"),
        "end_reason": ("cat:end_reason?", "churned (customer left) or upgraded (replaced by a better plan); empty if active"),
        "monthly_fee_cny": ("float", "fee per month after discounts and price changes (latest value), CNY; 0 for prepaid"),
    },
    "price_changes": {
        "subscription_id": ("id", "subscription whose fee changed"),
        "effective_date": ("date", "first day of the new fee"),
        "old_monthly_fee_cny": ("float", "fee before, CNY per month"),
        "new_monthly_fee_cny": ("float", "fee after, CNY per month"),
    },
    "billing": {
        "customer_id": ("id", "contract customer (prepaid customers have no bills)"),
        "month": ("date", "first day of the billed month"),
        "revenue_cny": ("float", "amount billed for the month, CNY (fees pro rata for part months, plus extras)"),
        "voice_minutes": ("int", "voice minutes used in the month, all lines"),
        "data_gb": ("float", "mobile data used in the month, GB, all lines"),
        "network_cost_cny": ("float", "direct network cost of serving the account that month, CNY"),
        "amount_paid_cny": ("float", "paid against this bill and any earlier overdue balance, CNY"),
        "days_late": ("int", "days after the due date the payment came (0 = on time)"),
        "overdue_balance_cny": ("float", "unpaid balance after this month, CNY (credit and bad-debt risk)"),
    },
    "topups": {
        "topup_id": ("id", "top-up key, 'U' + seven digits"),
        "customer_id": ("id", "prepaid customer"),
        "topup_date": ("date", "day of the top-up"),
        "amount_cny": ("float", "amount added to the balance, CNY"),
        "channel": ("cat:topup_channel", "app, store, voucher (scratch card) or online banking"),
    },
    "tickets": {
        "ticket_id": ("id", "service request key, 'T' + seven digits"),
        "customer_id": ("id", "customer who raised it"),
        "opened_date": ("date", "day it was opened"),
        "ticket_type": ("cat:ticket_type", "complaint, repair, billing_dispute or enquiry"),
        "channel": ("cat:ticket_channel", "phone, app, store or field_visit (a technician on site)"),
        "handling_minutes": ("int", "staff minutes spent on it"),
        "resolved": ("bool", "true if it was solved"),
        "days_to_resolve": ("Int64", "days from opening to solution (empty if unresolved)"),
        "satisfaction": ("Int64", "survey score 1 (very unhappy) to 5 (very happy); empty if not surveyed"),
    },
    "network_faults": {
        "region": ("cat:region", "district"),
        "month": ("date", "first day of the month"),
        "cell_sites": ("int", "cell sites in the district"),
        "faults": ("int", "network faults recorded in the month"),
        "outage_hours": ("float", "hours of service lost, summed over the month's faults"),
    },
    "churn_events": {
        "customer_id": ("id", "contract customer who left (prepaid customers stop silently and never appear here)"),
        "churn_date": ("date", "day the customer left"),
        "reason": ("cat:churn_reason", "reason the customer gave: price, network_quality, service, competitor_offer, moved or other"),
    },
    "campaigns": {
        "campaign_id": ("id", "campaign key"),
        "campaign_name": ("text", "the offer as customers saw it"),
        "campaign_type": ("cat:campaign_type", "retention, cross_sell or upgrade"),
        "start_date": ("date", "first day of the campaign"),
        "end_date": ("date", "last day; outcomes are measured up to here"),
        "target_segment": ("cat:segment", "segment the eligible customers came from"),
        "offer_cost_cny": ("float", "cost to Skyline of one accepted offer, CNY"),
        "control_share": ("float", "share of eligible customers held back at random as the control group"),
    },
    "campaign_contacts": {
        "campaign_id": ("id", "campaign"),
        "customer_id": ("id", "eligible customer"),
        "group": ("cat:group", "treatment (got the offer) or control (held back at random, not contacted)"),
        "contact_date": ("date?", "day the offer was made (empty for the control group)"),
        "accepted_offer": ("bool", "true if the customer took the offer (always false in the control group)"),
    },
    "activity_costs": {
        "activity": ("cat:cost_activity", "cost-to-serve activity"),
        "driver_unit": ("text", "what one unit of the activity is"),
        "unit_cost_cny": ("float", "fully loaded cost of one unit, CNY"),
    },
    "cost_to_serve": {
        "customer_id": ("id", "customer"),
        "year": ("int", "calendar year"),
        "activity": ("cat:cost_activity", "cost-to-serve activity (see activity_costs)"),
        "quantity": ("float", "units of the activity used by the customer in the year (zero rows left out)"),
    },
    "value_chain": {
        "year": ("int", "calendar year"),
        "link": ("cat:value_chain_link", "link of the operator's value chain"),
        "cost_cny_million": ("float", "operator-wide cost of the link, CNY million"),
        "revenue_attributed_cny_million": ("float", "revenue the management accounts attribute to the link, CNY million"),
    },
    "funnel": {
        "quarter_start": ("date", "first day of the quarter (2025)"),
        "channel": ("cat:channel", "consumer sales channel"),
        "stage": ("cat:funnel_stage", "journey stage: awareness, consideration, sign_up, activation, repeat"),
        "people": ("int", "prospects or customers who reached the stage in the quarter"),
    },
}}

#: Primary keys: the column(s) that identify a row.
PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "customers": ("customer_id",), "business_accounts": ("customer_id",), "contacts": ("contact_id",),
    "activities": ("activity_id",), "opportunities": ("opportunity_id",), "plans": ("plan_id",),
    "subscriptions": ("subscription_id",), "price_changes": ("subscription_id", "effective_date"),
    "billing": ("customer_id", "month"), "topups": ("topup_id",), "tickets": ("ticket_id",),
    "network_faults": ("region", "month"), "churn_events": ("customer_id",),
    "campaigns": ("campaign_id",), "campaign_contacts": ("campaign_id", "customer_id"),
    "activity_costs": ("activity",), "cost_to_serve": ("customer_id", "year", "activity"),
    "value_chain": ("year", "link"), "funnel": ("quarter_start", "channel", "stage"),
}

#: Foreign keys: (table, column, referenced table, referenced column).
FOREIGN_KEYS: list[tuple[str, str, str, str]] = [
    ("business_accounts", "customer_id", "customers", "customer_id"),
    ("contacts", "customer_id", "business_accounts", "customer_id"),
    ("activities", "customer_id", "business_accounts", "customer_id"),
    ("opportunities", "customer_id", "business_accounts", "customer_id"),
    ("subscriptions", "customer_id", "customers", "customer_id"),
    ("subscriptions", "plan_id", "plans", "plan_id"),
    ("price_changes", "subscription_id", "subscriptions", "subscription_id"),
    ("billing", "customer_id", "customers", "customer_id"),
    ("topups", "customer_id", "customers", "customer_id"),
    ("tickets", "customer_id", "customers", "customer_id"),
    ("churn_events", "customer_id", "customers", "customer_id"),
    ("campaign_contacts", "campaign_id", "campaigns", "campaign_id"),
    ("campaign_contacts", "customer_id", "customers", "customer_id"),
    ("cost_to_serve", "customer_id", "customers", "customer_id"),
    ("cost_to_serve", "activity", "activity_costs", "activity"),
]

MANIFEST = "SHA256SUMS"


class DatasetError(ValueError):
    """A dataset is missing, damaged or does not match its documented schema.

    A ValueError, so that code catching wrong arguments catches it too; its message comes from the catalogue
    in the current language.

    Examples
    --------
    >>> try:
    ...     load("telekom")
    ... except ValueError as error:
    ...     print(type(error).__name__)
    DatasetError
    """


class Tables(dict):
    """The tables of a dataset by name (a dict of DataFrames), also reachable as attributes.

    Parameters
    ----------
    *args, **kwargs
        What ``dict`` takes: a mapping (or pairs) of table name to DataFrame, and tables as keywords.

    Raises
    ------
    AttributeError
        When an attribute names no table; the message lists the tables.

    Examples
    --------
    >>> db = Tables(a=pd.DataFrame({"x": [1, 2]}))
    >>> db.a.x.sum(), list(db)
    (np.int64(3), ['a'])
    >>> db
    Tables(a: 2 rows x 1 columns)
    """

    def __getattr__(self, name: str) -> pd.DataFrame:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(
                f"no table {name!r}; the tables are: {', '.join(self)}") from None

    def __repr__(self) -> str:
        parts = [f"{name}: {len(df):,} rows x {df.shape[1]} columns" for name, df in self.items()]
        return "Tables(" + ", ".join(parts) + ")"


# ---------------------------------------------------------------------------------------------
# where the data lives
# ---------------------------------------------------------------------------------------------
def data_root() -> Path:
    """The folder holding the kit's datasets, wherever the kit is installed or run from.

    In a source checkout (and an editable install) this is the repository's ``datasets/``;
    after ``pip install`` it is the copy inside the package, ``crmlib/_datasets``.

    Returns
    -------
    pathlib.Path
        The folder; each dataset is a subfolder with a ``SHA256SUMS`` manifest.

    Raises
    ------
    DatasetError
        When neither folder holds a dataset.

    Examples
    --------
    >>> (data_root() / "telecom" / "SHA256SUMS").is_file()
    True
    """
    package = Path(__file__).resolve().parent
    for candidate in (package / "_datasets", package.parent / "datasets"):
        if candidate.is_dir() and any((d / MANIFEST).is_file() for d in candidate.iterdir() if d.is_dir()):
            return candidate
    raise DatasetError(t("data.no_root", package=str(package)))


def available(data_dir: str | Path | None = None) -> list[str]:
    """Names of the datasets that can be loaded.

    Parameters
    ----------
    data_dir : str or pathlib.Path, optional
        A folder of datasets to look in; default: :func:`data_root`.

    Returns
    -------
    list of str
        The names of the subfolders that hold a ``SHA256SUMS`` manifest, sorted.

    Raises
    ------
    DatasetError
        When ``data_dir`` is not given and there is no data folder.
    FileNotFoundError
        When ``data_dir`` does not exist.

    Examples
    --------
    >>> available()
    ['telecom']
    """
    root = Path(data_dir) if data_dir is not None else data_root()
    return sorted(d.name for d in root.iterdir() if d.is_dir() and (d / MANIFEST).is_file())


def _folder(name: str, data_dir: str | Path | None) -> Path:
    if data_dir is not None:
        folder = Path(data_dir)
        if not (folder / MANIFEST).is_file():
            raise DatasetError(t("data.no_manifest", folder=str(folder), manifest=MANIFEST))
        return folder
    names = available()
    if not isinstance(name, str) or name not in names:
        raise DatasetError(t("data.unknown_dataset", name=repr(name), names=", ".join(names)))
    return data_root() / name


def _manifest(folder: Path) -> dict[str, str]:
    sums = {}
    for line in (folder / MANIFEST).read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, _, file = line.partition("  ")
            sums[file.strip()] = digest.strip()
    return sums


def _read_checked(folder: Path, file: str, sums: dict[str, str]) -> bytes:
    path = folder / file
    if file not in sums:
        raise DatasetError(t("data.not_in_manifest", path=str(path), manifest=MANIFEST))
    if not path.is_file():
        raise DatasetError(t("data.missing_file", path=str(path)))
    data = path.read_bytes()
    found = hashlib.sha256(data).hexdigest()
    if found != sums[file]:
        raise DatasetError(t("data.damaged", path=str(path), manifest=MANIFEST,
                             expected=sums[file][:12], found=found[:12]))
    return data


# ---------------------------------------------------------------------------------------------
# reading one table with its schema
# ---------------------------------------------------------------------------------------------
def _parse(data: bytes, file: str, schema: dict[str, tuple[str, str]]) -> pd.DataFrame:
    from crmlib.schema import category_dtype

    read_types: dict[str, Any] = {}
    for col, (kind, _) in schema.items():
        base = kind.rstrip("?")
        read_types[col] = {"int": "int64", "Int64": "Int64", "float": "float64"}.get(base, str)
    header = data.split(b"\n", 1)[0].decode("utf-8").split(",")
    if header != list(schema):
        missing = [c for c in schema if c not in header]
        extra = [c for c in header if c not in schema]
        raise DatasetError(t("data.bad_columns", file=file, expected=", ".join(schema),
                             found=", ".join(header), missing=", ".join(missing) or "-",
                             extra=", ".join(extra) or "-"))
    try:
        frame = pd.read_csv(io.BytesIO(data), dtype=read_types, keep_default_na=False,
                            na_values=[""], encoding="utf-8")
    except ValueError as err:
        raise DatasetError(t("data.unreadable", file=file, error=str(err))) from None
    for col, (kind, _) in schema.items():
        nullable = kind.endswith("?") or kind == "Int64"
        base = kind.rstrip("?")
        values = frame[col]
        if not nullable and values.isna().any():
            row = int(values.isna().to_numpy().argmax()) + 2
            raise DatasetError(t("data.empty_value", file=file, column=col, line=row))
        if base.startswith("cat:"):
            dtype = category_dtype(base[4:])
            bad = sorted(values[values.notna() & ~values.isin(dtype.categories)].unique().tolist())
            if bad:
                raise DatasetError(t("data.bad_category", file=file, column=col,
                                     values=", ".join(map(repr, bad[:5])),
                                     allowed=", ".join(dtype.categories)))
            frame[col] = values.astype(dtype)
        elif base == "date":
            try:
                frame[col] = pd.to_datetime(values, format="%Y-%m-%d").astype("datetime64[ns]")
            except ValueError as err:
                raise DatasetError(t("data.bad_date", file=file, column=col, error=str(err))) from None
        elif base == "bool":
            mapped = values.map({"true": True, "false": False})
            if mapped.isna().sum() != values.isna().sum():
                raise DatasetError(t("data.bad_bool", file=file, column=col))
            frame[col] = mapped.astype("boolean" if nullable else bool)
    return frame


def load(name: str = "telecom", table: str | None = None, *,
         data_dir: str | Path | None = None) -> Tables | pd.DataFrame:
    """Load a dataset's tables (all, or one by name), each checked against the manifest.

    Every column gets its documented type: dates as ``datetime64[ns]``, categories as ``Categorical`` in their fixed
    order, nullable integers as ``Int64``.

    Parameters
    ----------
    name : str, default "telecom"
        The dataset (see :func:`available`).
    table : str, optional
        One table's name to get just that DataFrame; ``None`` for all of them.
    data_dir : str or pathlib.Path, optional
        Read from this folder instead (a copy of a dataset folder with its ``SHA256SUMS``), e.g. a dataset
        regenerated with ``python -m crmlib.synth``.

    Returns
    -------
    Tables or pandas.DataFrame
        Every table by name, or the one table asked for.

    Raises
    ------
    DatasetError
        When the dataset or table is unknown, the folder has no manifest, a file is missing, not in the manifest
        or damaged (its checksum differs), or a file does not match its schema (columns, empty values,
        categories, dates, true/false values).

    Examples
    --------
    >>> plans = load("telecom", "plans")
    >>> print(plans.loc[0, "plan_id"], plans.loc[0, "monthly_fee_cny"])
    MOB-S 59.0
    >>> load("telekom")
    Traceback (most recent call last):
    ...
    crmlib.datasets.DatasetError: unknown dataset 'telekom'; the available datasets are: telecom
    >>> load("telecom", "custmers")
    Traceback (most recent call last):
    ...
    crmlib.datasets.DatasetError: unknown table 'custmers' in dataset 'telecom'; the tables are: customers, business_accounts, contacts, activities, opportunities, plans, subscriptions, price_changes, billing, topups, tickets, network_faults, churn_events, campaigns, campaign_contacts, activity_costs, cost_to_serve, value_chain, funnel
    """
    folder = _folder(name, data_dir)
    schemas = SCHEMAS.get(name)
    if schemas is None:
        raise DatasetError(t("data.unknown_dataset", name=repr(name), names=", ".join(SCHEMAS)))
    if table is not None and table not in schemas:
        raise DatasetError(t("data.unknown_table", table=repr(table), name=repr(name),
                             tables=", ".join(schemas)))
    sums = _manifest(folder)
    wanted = [table] if table is not None else list(schemas)
    frames = Tables()
    for tab in wanted:
        frames[tab] = _view(_cached_table(folder, name, tab, sums))
    return frames[table] if table is not None else frames


#: Tables already parsed in this process, by (folder, dataset, table, file checksum, size, mtime).
#: ``load`` and ``connect`` share them, so a lesson that calls both holds the data once, not twice.
_TABLES: dict[tuple, pd.DataFrame] = {}

#: pandas 3 copies a shared frame on first write (copy-on-write), so a shallow copy is a safe view.
_COPY_ON_WRITE = int(pd.__version__.split(".")[0]) >= 3 or pd.options.mode.copy_on_write is True


def _cached_table(folder: Path, name: str, tab: str, sums: dict[str, str]) -> pd.DataFrame:
    """Table ``tab`` parsed once per process (read again, and its checksum checked, if its file changed)."""
    file = f"{tab}.csv"
    path = folder / file
    try:
        stat = path.stat()
        key = (str(folder.resolve()), name, tab, sums.get(file), stat.st_size, stat.st_mtime_ns)
    except OSError:
        key = None
    if key is None or key not in _TABLES:
        frame = _parse(_read_checked(folder, file, sums), file, SCHEMAS[name][tab])
        if key is None:
            return frame
        for old in [k for k in _TABLES if k[:3] == key[:3]]:  # an older version of the same file
            del _TABLES[old]
        _TABLES[key] = frame
    return _TABLES[key]


def _view(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame the caller may change freely without changing the cached one."""
    return frame.copy(deep=not _COPY_ON_WRITE)


def describe(name: str = "telecom", table: str | None = None) -> pd.DataFrame:
    """The data dictionary: one row per column with its type and meaning (units included).

    Parameters
    ----------
    name : str, default "telecom"
        The dataset.
    table : str, optional
        One table's name; ``None`` for every table.

    Returns
    -------
    pandas.DataFrame
        Columns ``table``, ``column``, ``dtype`` (as :func:`load` gives it), ``nullable``, ``description`` and
        ``categories`` (a category column's categories in order; empty otherwise).

    Raises
    ------
    DatasetError
        When the dataset or table is unknown.

    Examples
    --------
    >>> d = describe("telecom", "billing")
    >>> d.loc[d.column == "revenue_cny", "dtype"].item()
    'float64'
    """
    from crmlib.schema import category_dtype

    if name not in SCHEMAS:
        raise DatasetError(t("data.unknown_dataset", name=repr(name), names=", ".join(SCHEMAS)))
    schemas = SCHEMAS[name]
    if table is not None and table not in schemas:
        raise DatasetError(t("data.unknown_table", table=repr(table), name=repr(name),
                             tables=", ".join(schemas)))
    rows = []
    for tab, cols in schemas.items():
        if table is not None and tab != table:
            continue
        for col, (kind, text) in cols.items():
            base = kind.rstrip("?")
            nullable = kind.endswith("?") or base == "Int64"
            if base.startswith("cat:"):
                dtype = "category"
                values = ", ".join(category_dtype(base[4:]).categories)
            else:
                dtype = {"id": "str", "text": "str", "date": "datetime64[ns]", "int": "int64",
                         "Int64": "Int64", "float": "float64",
                         "bool": "boolean" if nullable else "bool"}[base]
                values = ""
            rows.append((tab, col, dtype, nullable, text, values))
    return pd.DataFrame(rows, columns=["table", "column", "dtype", "nullable", "description", "categories"])


def connect(name: str = "telecom", *, data_dir: str | Path | None = None) -> Any:
    """An in-process DuckDB connection with every table of the dataset as a SQL view.

    Dates are SQL ``DATE`` values and categories are ``ENUM`` types in their fixed order. The
    pandas frames behind the views are registered under the table name with a leading
    underscore. Close the connection with ``con.close()`` when done.

    Parameters
    ----------
    name : str, default "telecom"
        The dataset.
    data_dir : str or pathlib.Path, optional
        Read from this folder instead (see :func:`load`).

    Returns
    -------
    duckdb.DuckDBPyConnection
        The connection, one view per table.

    Raises
    ------
    DatasetError
        As :func:`load`.

    Examples
    --------
    >>> con = connect()
    >>> con.sql("SELECT segment, count(*) AS n FROM customers GROUP BY segment ORDER BY segment").df().iloc[0, 0]
    'individual_postpaid'
    >>> con.execute("SELECT typeof(join_date) FROM customers LIMIT 1").fetchone()[0]
    'DATE'
    >>> con.close()
    """
    import duckdb

    load(name, data_dir=data_dir)  # checks the dataset and fills the cache
    folder = _folder(name, data_dir)
    sums = _manifest(folder)
    tables = {tab: _cached_table(folder, name, tab, sums) for tab in SCHEMAS[name]}
    con = duckdb.connect(":memory:")
    for tab, frame in tables.items():
        con.register(f"_{tab}", frame)
        cols = []
        for col, (kind, _) in SCHEMAS[name][tab].items():
            quoted = '"' + col.replace('"', '""') + '"'
            cols.append(f"CAST({quoted} AS DATE) AS {quoted}" if kind.rstrip("?") == "date" else quoted)
        con.execute(f'CREATE VIEW "{tab}" AS SELECT {", ".join(cols)} FROM "_{tab}"')
    return con
