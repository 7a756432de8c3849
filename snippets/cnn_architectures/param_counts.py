"""Parameter counts of AlexNet, VGG16 and ResNet-18 from their layer specs."""

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
    # The page claims: 61.10 M, 60.97 M, 138.36 M, 11.69 M; FC layers 58.6 M of AlexNet;
    # and the formula equals numel() of the torch ResNet-18 built here.
    assert list(counts.values()) == [61_100_840, 60_965_224, 138_357_544, 11_689_512]
    assert round(fc / 1e6, 1) == 58.6
    assert sum(p.numel() for p in resnet().parameters()) == counts["ResNet-18"]


if __name__ == "__main__":
    main()
