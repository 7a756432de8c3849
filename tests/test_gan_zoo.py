"""lectureref.gan_zoo: AdaIN in numpy against torch; the overview's years agree with its arXiv ids."""

from __future__ import annotations

import re

import numpy as np
import torch
import torch.nn.functional as F

from lectureref.gan_zoo import AdaIN, adain_forward
from tests.conftest import ROOT

PAGE = ROOT / "docs" / "topics" / "gan_zoo.md"


def test_adain_sets_the_styles_statistics_and_matches_torch() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(-2.0, 3.0, (3, 5, 4, 6))
    y_s, y_b = rng.uniform(0.5, 2.0, (3, 5)), rng.normal(0, 1, (3, 5))
    out = adain_forward(x, y_s, y_b, eps=0.0)
    np.testing.assert_allclose(out.mean(axis=(2, 3)), y_b, atol=1e-12)
    np.testing.assert_allclose(out.std(axis=(2, 3)), y_s, rtol=1e-12)
    # unit style = torch's instance norm (same eps)
    np.testing.assert_allclose(adain_forward(x, np.ones((3, 5)), np.zeros((3, 5))),
                               F.instance_norm(torch.tensor(x)).numpy(), rtol=1e-10, atol=1e-12)
    torch.manual_seed(0)
    layer = AdaIN(w_dim=7, channels=5).double()
    w = torch.randn(3, 7, dtype=torch.float64)
    style = layer.style(w).detach().numpy()
    np.testing.assert_allclose(layer(torch.tensor(x), w).detach().numpy(),
                               adain_forward(x, style[:, :5], style[:, 5:]), rtol=1e-10, atol=1e-12)


def test_adain_gradient_flows_to_the_style() -> None:
    torch.manual_seed(1)
    layer = AdaIN(w_dim=4, channels=2)
    w = torch.randn(2, 4, requires_grad=True)
    layer(torch.randn(2, 2, 5, 5), w).square().sum().backward()
    assert w.grad is not None and torch.all(torch.isfinite(w.grad)) and w.grad.abs().sum() > 0


def test_the_overviews_years_match_its_arxiv_ids() -> None:
    """A table row's year is the year of its arXiv id (YYMM.NNNN or YYMM.NNNNN), and every paper is linked once."""
    rows = re.findall(r"^\| (\d{4}) \| ([^|]+) \|.*\[`arXiv:(\d{4})\.(\d{4,5})`\]\(https://arxiv\.org/abs/\3\.\4\) \|$",
                      PAGE.read_text(encoding="utf-8"), re.M)
    assert len(rows) == 10
    for year, model, yymm, _ in rows:
        assert int(year) == 2000 + int(yymm[:2]), f"{model.strip()}: {year} but arXiv:{yymm}"
    ids = [yymm + "." + number for *_, yymm, number in rows]
    assert len(ids) == len(set(ids))
