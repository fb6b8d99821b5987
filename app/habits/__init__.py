"""Habits: families and their members, habits, versioned routines, logs and streaks."""
