"""The paper as data: claims, their statements, hypotheses, paper locations and evidence.

:mod:`theorems.model` defines what a claim and a check are and how a verdict is derived;
:mod:`theorems.registry` collects every claim of the paper in paper order; one module per
family of claims (``theorems.contraction``, ``theorems.entropy``, ...) declares them.
"""
