"""Imported once by the worker pool's fork server (see :func:`theorems.evaluate.pool_context`).

Building the registry imports every claim family and constructs its sympy statements, which
takes a few seconds; done here, in the fork server, every worker forked from it starts with
the registry already built instead of building it again.
"""

from theorems import registry

registry.all_claims()
