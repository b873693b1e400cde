"""crmlib.churn: rates, drivers, Kaplan-Meier (checked by hand), AUC, confusion, gains, the model."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmlib import churn


def test_churn_rates_count_and_divide():
    t = pd.DataFrame({"g": ["a", "a", "a", "b"], "churned": [True, False, False, True]})
    r = churn.churn_rates(t, "g")
    assert r.loc["a"].tolist() == [3, 1, pytest.approx(1 / 3)]
    assert r.loc["b", "churn_rate"] == 1.0


def test_bad_input_names_the_column():
    with pytest.raises(ValueError, match="column 'segment' \\(by=\\) not found"):
        churn.churn_rates(pd.DataFrame({"churned": [True]}), "segment")
    with pytest.raises(ValueError, match="missing value"):
        churn.churn_rates(pd.DataFrame({"g": [1, 2], "churned": [True, None]}), "g")
    with pytest.raises(ValueError, match="outside every band"):
        churn.driver_table(pd.DataFrame({"x": [5.0], "churned": [True]}), ["x"], bands={"x": [0, 1]})


def test_kaplan_meier_matches_a_hand_computation_with_censoring():
    # times 2,3,3,5,8 with events at 2, 3 (one of two), 8; censored at 3 and 5
    t = pd.DataFrame({"m": [2, 3, 3, 5, 8], "e": [True, True, False, False, True]})
    km = churn.kaplan_meier(t, duration="m", event="e").set_index("time")
    assert km.loc[2, "survival"] == pytest.approx(4 / 5)
    assert km.loc[3, "survival"] == pytest.approx(4 / 5 * 3 / 4)
    assert km.loc[8, "survival"] == 0.0
    assert km.loc[5, "at_risk"] == 2


def test_kaplan_meier_left_truncation_counts_late_entrants_only_from_entry():
    t = pd.DataFrame({"m": [10, 3], "e": [True, True], "entry": [9, 0]})
    km = churn.kaplan_meier(t, duration="m", event="e", entry="entry").set_index("time")
    assert km.loc[3, "at_risk"] == 1 and km.loc[3, "survival"] == 0.0     # the late entrant is not yet at risk
    with pytest.raises(ValueError, match="entry"):
        churn.kaplan_meier(t.assign(entry=[11, 0]), duration="m", event="e", entry="entry")


def test_auc_is_the_pairwise_ranking_probability():
    y = np.array([1, 1, 0, 0, 0])
    s = np.array([0.9, 0.2, 0.5, 0.1, 0.2])
    pairs = [(a > b) + 0.5 * (a == b) for a in s[y == 1] for b in s[y == 0]]
    assert churn.auc(y, s) == pytest.approx(np.mean(pairs))
    with pytest.raises(ValueError, match="both churners and stayers"):
        churn.auc([1, 1], [0.1, 0.2])


def test_confusion_and_gains():
    y = [1, 0, 1, 0, 0, 0]
    s = [0.9, 0.8, 0.7, 0.3, 0.2, 0.1]
    c = churn.confusion_table(y, s, 0.5)
    assert c.to_numpy().tolist() == [[2, 0], [1, 3]]
    g = churn.gains_table(y, s, bins=3)
    assert g["churners"].tolist() == [1, 1, 0]
    assert g["lift"].iloc[0] == pytest.approx(0.5 / (2 / 6))
    assert g["cum_share_churners"].iloc[-1] == 1.0


def test_model_recovers_a_known_effect_on_held_out_rows():
    rng = np.random.default_rng(7)
    t = pd.DataFrame({"x": rng.normal(size=4000), "g": rng.choice(["a", "b"], 4000)})
    t["churned"] = rng.random(4000) < 1 / (1 + np.exp(-(1.5 * t["x"] + (t["g"] == "b") - 1)))
    m = churn.fit_churn_model(t, ["x", "g"])
    assert m.coefficients.loc["x", "log_odds"] == pytest.approx(1.5, abs=0.15)
    assert m.coefficients.loc["g=b", "log_odds"] == pytest.approx(1.0, abs=0.2)
    assert 0.75 < m.auc_test < 0.85 and len(m.test) == pytest.approx(1200, rel=0.1)
    with pytest.raises(ValueError, match="test_share"):
        churn.fit_churn_model(t, ["x"], test_share=30)


def test_auc_matches_the_mann_whitney_u_with_ties():
    """Average ranks for tied scores (pandas), as SciPy's ``rankdata`` gives: ties count half."""
    y = np.array([1, 0, 1, 0, 0, 1, 0])
    s = np.array([0.3, 0.3, 0.9, 0.1, 0.9, 0.5, 0.5])
    pairs = [(a > b) + 0.5 * (a == b) for a in s[y == 1] for b in s[y == 0]]
    assert churn.auc(y, s) == pytest.approx(np.mean(pairs), abs=1e-15)


def _planted(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    t = pd.DataFrame({"x": rng.normal(size=n), "fee": rng.uniform(20, 120, n),
                      "g": pd.Categorical(rng.choice(["a", "b", "c"], n, p=[0.6, 0.35, 0.05]), categories=["a", "b", "c"])})
    eta = -2 + 1.2 * t["x"] + 0.01 * t["fee"] + 0.8 * (t["g"] == "b") - 0.7 * (t["g"] == "c")
    t["churned"] = rng.random(n) < 1 / (1 + np.exp(-eta))
    return t


def test_newton_fit_is_the_maximum_and_agrees_with_scikit_learn():
    """The NumPy fit reaches at least scikit-learn's log-likelihood and gives the same coefficients and AUC."""
    pytest.importorskip("sklearn.linear_model")
    t = _planted(20_000, 3)
    features = ["x", "fee", "g"]
    ref = churn.fit_churn_model(t, features, seed=5, solver="sklearn")
    new = churn.fit_churn_model(t, features, seed=5, solver="newton")
    assert new.columns == ref.columns
    np.testing.assert_allclose(new.coefficients["log_odds"], ref.coefficients["log_odds"], atol=5e-3)
    assert new.intercept == pytest.approx(ref.intercept, abs=5e-3)
    assert new.auc_test == pytest.approx(ref.auc_test, abs=1e-3)
    x = churn.model_matrix(t, features).to_numpy()
    train = ~t.index.isin(new.test.index)
    y = t["churned"].to_numpy()[train]

    def loglik(m: churn.ChurnModel) -> float:
        eta = m.intercept + x[train] @ m.coefficients["log_odds"].to_numpy()
        return float(y @ eta - np.logaddexp(0, eta).sum())

    assert loglik(new) >= loglik(ref) - 1e-9
    # at the maximum the score equations hold: residuals sum to 0 and are orthogonal to every column
    p = new.predict(t[train]).to_numpy()
    np.testing.assert_allclose(x[train].T @ (y - p), 1e-6 * new.coefficients["log_odds"].to_numpy(), atol=1e-6)
    assert abs((y - p).sum()) < 1e-6


def test_newton_fit_recovers_planted_effects_and_predicts_like_its_scores():
    t = _planted(20_000, 11)
    m = churn.fit_churn_model(t, ["x", "fee", "g"], solver="newton")
    got = m.coefficients["log_odds"]
    assert got["x"] == pytest.approx(1.2, abs=0.08) and got["fee"] == pytest.approx(0.01, abs=0.003)
    assert got["g=b"] == pytest.approx(0.8, abs=0.1) and m.intercept == pytest.approx(-2, abs=0.2)
    np.testing.assert_allclose(m.predict(m.test).to_numpy(), m.test["score"].to_numpy())
    assert 0 < m.iterations < 20


def test_newton_fit_refuses_separated_data_and_unknown_solvers():
    t = _planted(2_000, 2)
    t["perfect"] = t["churned"].to_numpy()  # a feature that is the outcome itself
    with pytest.raises(ValueError, match="separation"):
        churn.fit_churn_model(t, ["x", "perfect"], solver="newton")
    with pytest.raises(ValueError, match="solver must be 'sklearn' or 'newton'; got 'lbfgs'"):
        churn.fit_churn_model(t, ["x"], solver="lbfgs")
