"""Statistics of measurement quality: reliability, agreement, norms and change.

One public function per statistic, over numpy arrays, each documented with its
formula and checked against R's psych and multilevel packages. Functions return
full precision; NaN marks a value that is undefined, and the result objects say
why. Import from the submodules.
"""
