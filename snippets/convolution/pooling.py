"""Max pool sends the gradient to the maximum of each window only; average pool spreads it."""

import numpy as np

from lectureref.nn.convolution import avg_pool_backward, avg_pool_forward, max_pool_backward, max_pool_forward


def main() -> None:
    # --8<-- [start:main]
    x = np.array([[1.0, 3.0, 2.0, 0.0],
                  [4.0, 2.0, 1.0, 5.0],
                  [0.0, 1.0, 2.0, 1.5],
                  [3.0, 0.0, 1.0, 0.5]]).reshape(1, 1, 4, 4)
    out, cache = max_pool_forward(x, kernel=2)          # 2×2 windows, stride 2
    dx = max_pool_backward(np.ones_like(out), cache)    # ∂(sum of outputs)/∂x
    print(out[0, 0])                                     # [[4. 5.] [3. 2.]]
    print(dx[0, 0])                                      # one 1 per window, where the max was
    avg, avg_cache = avg_pool_forward(x, kernel=2)
    print(avg_pool_backward(np.ones_like(avg), avg_cache)[0, 0])   # 0.25 everywhere
    # --8<-- [end:main]
    # The page claims: max pool → [[4, 5], [3, 2]], gradient 1 at the four maxima and 0 elsewhere;
    # average pool gives every pixel 1/4.
    np.testing.assert_array_equal(out[0, 0], [[4, 5], [3, 2]])
    assert dx.sum() == 4 and set(np.unique(dx)) == {0.0, 1.0}
    assert sorted(x[dx == 1]) == sorted(out.ravel())    # the ones sit exactly on the maxima
    assert np.all(avg_pool_backward(np.ones_like(avg), avg_cache) == 0.25)


if __name__ == "__main__":
    main()
