"""Train an 8-D embedding with batch-hard triplets; retrieve test digits by their nearest neighbour."""

from sklearn.decomposition import PCA

from lectureref.data import digits_split
from lectureref.metric_learning import embed, recall_at_1, train_embedding


def main() -> dict[str, float]:
    s = digits_split()
    # --8<-- [start:main]
    model, history = train_embedding(s.X_train, s.y_train, epochs=30, margin=0.5, dim=8, seed=0)
    emb_train, emb_test = embed(model, s.X_train), embed(model, s.X_test)
    pca = PCA(n_components=8).fit(s.X_train)              # the best *linear* 8-D projection
    recall = {
        "pixels, 64-D": recall_at_1(s.X_test, s.y_test, s.X_train, s.y_train),
        "PCA, 8-D": recall_at_1(pca.transform(s.X_test), s.y_test, pca.transform(s.X_train), s.y_train),
        "triplet embedding, 8-D": recall_at_1(emb_test, s.y_test, emb_train, s.y_train),
    }
    for name, value in recall.items():
        print(f"Recall@1 {name}: {value:.3f}")
    # --8<-- [end:main]
    print(f"triplet loss: epoch 1 {history.train_loss[0]:.3f}, epoch 30 {history.train_loss[-1]:.4f}")
    # The page claims: loss falls from ≈ 0.5 to ≈ 0; the 8-D embedding retrieves as well as the raw
    # 64 pixels (0.975 vs 0.978, within 1 %) and clearly better than PCA to 8-D (0.942).
    assert history.train_loss[-1] < 0.1 * history.train_loss[0]
    assert recall["triplet embedding, 8-D"] >= recall["pixels, 64-D"] - 0.01
    assert recall["triplet embedding, 8-D"] > recall["PCA, 8-D"] + 0.02
    return recall


if __name__ == "__main__":
    main()
