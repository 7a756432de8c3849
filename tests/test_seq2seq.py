"""lectureref.seq2seq: the reversal data, token encoding, and the encoder-decoder's shapes and decoding."""

from __future__ import annotations

import torch

from lectureref.seq2seq import BOS, EOS, PAD, Seq2Seq, decode_digits, encode_digits, make_reverse_data


def test_data_are_digit_strings_and_their_reversals() -> None:
    pairs = make_reverse_data(200, seed=1)
    assert all(t == s[::-1] and 3 <= len(s) <= 5 and s.isdigit() for s, t in pairs)
    assert make_reverse_data(5, seed=1) == pairs[:5]


def test_encoding_round_trip_with_bos_eos_and_padding() -> None:
    ids = encode_digits(["907", "12345"], bos=True)
    assert ids.shape == (2, 7) and (ids[:, 0] == BOS).all()
    assert ids[0].tolist()[-3:] == [EOS, PAD, PAD]
    assert [decode_digits(row[1:]) for row in ids.tolist()] == ["907", "12345"]
    assert decode_digits([5, 6, EOS, 7]) == "23"           # stops at the first EOS


def test_teacher_forcing_shapes_and_padding_does_not_change_the_encoding() -> None:
    torch.manual_seed(0)
    model = Seq2Seq(hidden=16).double().eval()
    src = encode_digits(["907", "12345"])
    tgt = encode_digits(["709", "54321"], bos=True)
    assert model(src, tgt[:, :-1]).shape == (2, 6, 13)
    torch.testing.assert_close(model.encode(src)[:, :1], model.encode(encode_digits(["907"])))


def test_generation_feeds_back_its_own_tokens() -> None:
    torch.manual_seed(0)
    model = Seq2Seq(hidden=16).double().eval()
    src = encode_digits(["4071"])
    out = model.generate(src, max_len=4)[0]
    # the same tokens by teacher forcing with the model's own outputs as the "true" previous ones
    with torch.no_grad():
        logits = model(src, torch.tensor([[BOS] + out[:-1]]))
    assert logits.argmax(-1)[0].tolist() == out
