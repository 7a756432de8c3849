"""Parameter counts of AlexNet, VGG16 and ResNet-18 from their layer specs."""

from lectureref.claims import claim
from lectureref.cnn_architectures import alexnet_spec, spec_params, resnet, resnet_spec, vgg_spec


def main() -> None:
    # --8<-- [start:main]
    counts = {
        "AlexNet (torchvision)": spec_params(alexnet_spec()),
        "AlexNet (2012, 2 GPUs)": spec_params(alexnet_spec(original=True)),
        "VGG16": spec_params(vgg_spec()),
        "ResNet-18": spec_params(resnet_spec()),
    }
    fc = spec_params(alexnet_spec()[5:])                 # the three fully connected layers
    for name, n in counts.items():
        print(f"{name:>24}: {n / 1e6:7.2f} M")
    print(f"AlexNet's FC layers alone: {fc / 1e6:.1f} M")
    # --8<-- [end:main]
    # The page claims (its table, to the digits it shows): 61.10 M, 60.97 M, 138.36 M, 11.69 M;
    # FC layers 58.6 M of AlexNet; VGG16 14.7 M in convolutions, 123.6 M in FC; ResNet-18's FC
    # 0.5 M; VGG16 12× ResNet-18; and the formula equals numel() of the torch ResNet-18 built here.
    assert list(counts.values()) == [61_100_840, 60_965_224, 138_357_544, 11_689_512]
    for name, millions in zip(counts, [61.10, 60.97, 138.36, 11.69]):
        claim(f"{name}: parameters, M", round(counts[name] / 1e6, 2), "==", millions)
    vgg, res = vgg_spec(), resnet_spec()
    claim("AlexNet (torchvision): FC layers, M", round(fc / 1e6, 1), "==", 58.6)
    claim("VGG16: convolutions, M", round(spec_params(vgg[:13]) / 1e6, 1), "==", 14.7)
    claim("VGG16: FC layers, M", round(spec_params(vgg[13:]) / 1e6, 1), "==", 123.6)
    claim("ResNet-18: FC layer, M", round(spec_params(res[-1:]) / 1e6, 1), "==", 0.5)
    claim("VGG16 / ResNet-18, rounded", round(counts["VGG16"] / counts["ResNet-18"]), "==", 12)
    assert sum(p.numel() for p in resnet().parameters()) == counts["ResNet-18"]


if __name__ == "__main__":
    main()
