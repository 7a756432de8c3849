"""LeNet from scratch in numpy (im2col convolutions) on the 8×8 digits."""

from lectureref.claims import claim, reproducible
from lectureref.cnn_architectures import lenet
from lectureref.data import digits_split
from lectureref.mlp import fit_sequential
from lectureref.training import TrainConfig


def main() -> float:
    seed = reproducible(0)
    data = digits_split(images=True)                     # (N, 1, 8, 8) float32
    # --8<-- [start:main]
    net = lenet(channels=(16, 32), hidden=64, seed=seed)
    history = fit_sequential(net, data.X_train, data.y_train,
                             config=TrainConfig(epochs=10, lr=0.05, batch_size=32, seed=seed),
                        val=(data.X_test, data.y_test))
    print(f"numpy LeNet, test accuracy after each epoch: {[round(a, 3) for a in history.val_acc]}")
    # --8<-- [end:main]
    # The page claims: 13 706 parameters; 10 epochs of SGD with momentum reach ≥ 95 % test accuracy.
    claim("parameters", sum(p.numel() for p in net.to_torch().parameters()), "==", 13_706)
    claim("test accuracy after 10 epochs", history.val_acc[-1], ">=", 0.95)
    return history.val_acc[-1]


if __name__ == "__main__":
    main()
