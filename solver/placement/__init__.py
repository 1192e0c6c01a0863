"""Student placement: students to preschool locations to group half-days.

`problem` validates the input and `options` lists the feasible choices; `solve` runs the
tiers per independent component. The exact method is the pattern MIP (`patterns` builds
it, `mip` solves it with HiGHS (`highs`; `highs_run` for the solves another thread may
stop), `speculation` runs stage B alongside stage A, `descent` says what stage B's answers
prove about stage A's optimum, `parallel` solves components in worker processes, `realise`
gives half-days by a min-cost flow, `transport` fills counts with students); `model` is
the CP-SAT model over half-days used as the fallback; `check` lists broken hard rules.
"""
