"""Stage 2, the gate: Great Expectations suites on a region's protected tables.

Also the value-free report page of each verdict.
"""
