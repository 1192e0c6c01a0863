"""A partner organisation's trajectories: assigning a buddy, check-ins, ending, capacity."""
