"""Exercises in the spirit of the course's assignments, checked on the reader's machine.

``python -m lectureref.exercises start conv2d`` writes a starter file; ``check conv2d conv2d.py``
compares the reader's functions with the package's references and, for every failed check,
points to the lecture moments that explain it. ``list`` shows all exercises.
"""

from lectureref.exercises.catalog import EXERCISES, ExerciseInfo

__all__ = ["EXERCISES", "ExerciseInfo"]
