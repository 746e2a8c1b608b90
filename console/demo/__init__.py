"""Demo-only content: what `--demo` seeds and shows, and nothing a real site runs.

The scene renderer and its ground truth (scenes/), the local RTSP demo cameras (cameras), the
seeded users, cameras, units and registrations (seed), the demo candidates and their drawn
evidence (candidates, evidence_art), the demo patrol logs (patrol_logs), the patrol teams' GPS
simulator (gps_sim) and the rules set on the demo cameras to match their scenes (scene_rules).
"""
