"""lectureref: reference implementations for «Deep Learning на пальцах 2019».

One module per lecture topic (``lectureref.gradient_descent``, ...), each with a from-scratch
numpy version next to the PyTorch one. ``lectureref.timecodes`` builds the lecture index.
"""

__version__ = "0.1.0"
