"""What a student keeps and sees: their profile, their placement and its calendar feed."""
