"""The page's picture: both losses of one weight, and their second derivatives.

Run as ``python snippets/sigmoid_mse/plot.py docs/topics/img/sigmoid-mse.png`` to remake the
committed image; without an argument it writes ``sigmoid-mse.png`` in the current folder.
"""

import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from lectureref.claims import reproducible  # noqa: E402
from lectureref.sigmoid_mse import cross_entropy, make_1d, mse  # noqa: E402


def main(out: str = "sigmoid-mse.png") -> None:
    x, y = make_1d(n=200, seed=reproducible(0))
    ws = np.linspace(-6, 6, 241)
    curves = {name: np.array([f(w, x, y) for w in ws]) for name, f in [("MSE", mse), ("перекрёстная энтропия", cross_entropy)]}
    fig, axes = plt.subplots(1, 2, figsize=(8, 3), dpi=80)
    for name, c in curves.items():
        axes[0].plot(ws, c[:, 0] / c[:, 0].max(), label=name)
        axes[1].plot(ws, c[:, 2], label=name)
    axes[0].set(title="J(w), делённая на свой максимум", xlabel="w")
    axes[1].set(title="J″(w)", xlabel="w")
    axes[1].axhline(0, color="grey", lw=0.8)
    axes[1].fill_between(ws, 0, np.minimum(curves["MSE"][:, 2], 0), color="tab:blue", alpha=0.3)
    axes[0].legend()
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)


if __name__ == "__main__":
    # a .png path as the only argument; the test suite runs this file with pytest's own arguments
    main(*[arg for arg in sys.argv[1:2] if arg.endswith(".png")])
