"""lectureref.rnn_tasks: where each kind reads its states — the last one, every one, or its own outputs fed back."""

from __future__ import annotations

import torch

from lectureref.rnn_tasks import ManyToMany, ManyToOne, OneToMany


def test_many_to_one_reads_the_last_state_and_many_to_many_every_state() -> None:
    torch.manual_seed(0)
    one, many = ManyToOne(3, 8, 2), ManyToMany(3, 8, 2)
    many.rnn.load_state_dict(one.rnn.state_dict())
    many.head.load_state_dict(one.head.state_dict())
    x = torch.randn(2, 6, 3)
    out = many(x)
    torch.testing.assert_close(out[:, -1], one(x))            # the last step of many-to-many is many-to-one
    torch.testing.assert_close(many(x[:, :4]), out[:, :4])    # step t sees only steps ≤ t


def test_one_to_many_feeds_its_outputs_back() -> None:
    torch.manual_seed(0)
    model = OneToMany(3, 8, vocab=6)
    x = torch.randn(5, 3)
    long, short = model(x, steps=6), model(x, steps=3)
    assert long.shape == (5, 6) and torch.equal(long[:, :3], short)   # generation is a prefix of a longer one
    assert long.min() >= 0 and long.max() < 6
