"""Train an 8-D embedding with batch-hard triplets; retrieve test digits by their nearest neighbour."""

import numpy as np
from sklearn.decomposition import PCA

from lectureref.claims import claim, reproducible
from lectureref.data import digits_split
from lectureref.metric_learning import embed, recall_at_1, train_embedding
from lectureref.training import TrainConfig


def main() -> dict[str, float]:
    seed = reproducible(0)
    s = digits_split()
    # --8<-- [start:main]
    model, history = train_embedding(s.X_train, s.y_train,
                                     config=TrainConfig(epochs=30, seed=seed), margin=0.5, dim=8)
    pca = PCA(n_components=8).fit(s.X_train)               # the best *linear* 8-D projection
    spaces = {"pixels, 64-D": lambda X: X, "PCA, 8-D": pca.transform, "triplet, 8-D": lambda X: embed(model, X)}
    rng = np.random.default_rng(seed)                      # a small gallery: 3 labelled digits per class
    gallery = np.concatenate([rng.choice(np.flatnonzero(s.y_train == c), 3, replace=False) for c in range(10)])
    recall = {}
    for name, f in spaces.items():
        q, db = f(s.X_test), f(s.X_train)
        recall[name] = (recall_at_1(q, s.y_test, db, s.y_train),                 # all 1167 training digits
                        recall_at_1(q, s.y_test, db[gallery], s.y_train[gallery]))  # only 30 of them
        print(f"Recall@1 {name:>13}: database {recall[name][0]:.3f}, gallery of 30 {recall[name][1]:.3f}")
    # --8<-- [end:main]
    print(f"triplet loss: epoch 1 {history.train_loss[0]:.3f}, epoch 30 {history.train_loss[-1]:.4f}")
    # The page claims: with a 30-image gallery the 8-D embedding finds the right class far more often
    # than raw pixels or PCA (by over 10 points); with all 1167 training digits as the database the
    # pixels give 0.978, PCA 0.942 and the embedding over 0.95 (near the pixels: a point below or
    # a little above, by seed). The batch-hard loss falls over 10× in 30 epochs: training has converged
    # (after 15 epochs it had not, and the database recall sat a point lower, below −1.5 points for some seeds).
    claim("database: pixels, 3 decimals", round(recall["pixels, 64-D"][0], 3), "==", 0.978)
    claim("database: PCA, 3 decimals", round(recall["PCA, 8-D"][0], 3), "==", 0.942)
    pixels, pca8, triplet = recall.values()
    claim("gallery of 30: triplet − pixels", triplet[1] - pixels[1], ">", 0.1)
    claim("gallery of 30: triplet − PCA", triplet[1] - pca8[1], ">", 0.1)
    claim("database: triplet", triplet[0], ">", 0.95)
    claim("first / last epoch loss", history.train_loss[0] / history.train_loss[-1], ">", 10)
    return {name: r[1] for name, r in recall.items()}


if __name__ == "__main__":
    main()
