"""Connection events ("sự kiện kết nối cung – cầu công nghệ": techmarts, demo days, B2B
matchmaking sessions): the event, its registrations and waiting list, meeting requests, the
B2B meetings the scheduler places and their outcomes. Every change returns its events.
"""
