"""kNN on digits in numpy: 1-NN remembers its training set, and matches scikit-learn."""

from sklearn.neighbors import KNeighborsClassifier

from lectureref.claims import claim, reproducible
from lectureref.data import digits_split
from lectureref.knn import knn_predict
from lectureref.metrics import accuracy


def main() -> float:
    reproducible()
    s = digits_split()
    # --8<-- [start:main]
    train_acc = accuracy(s.y_train, knn_predict(s.X_train, s.y_train, s.X_train, k=1))
    test_pred = knn_predict(s.X_train, s.y_train, s.X_test, k=1)
    test_acc = accuracy(s.y_test, test_pred)
    print(f"1-NN: train {train_acc:.1%}, test {test_acc:.1%}")
    # --8<-- [end:main]
    # The page claims: 100 % on the training data (each point is its own neighbour), ≈ 97.8 % on test,
    # and the same predictions as scikit-learn for k = 1 and k = 5.
    claim("1-NN train accuracy", train_acc, "==", 1.0)
    claim("1-NN test accuracy, 3 decimals", round(test_acc, 3), "==", 0.978)
    for k in (1, 5):
        ours = knn_predict(s.X_train, s.y_train, s.X_test, k)
        sk = KNeighborsClassifier(n_neighbors=k).fit(s.X_train, s.y_train).predict(s.X_test)
        assert (ours == sk).all()
    return test_acc


if __name__ == "__main__":
    main()
