"""The volunteer loop: an approved buddy proposal is offered to the volunteer, who accepts
or declines it (or lets it expire); an accepted match then waits for its first meeting."""
