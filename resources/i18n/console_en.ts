<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add operator account</source>
        <translation>Add operator account</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Password (8+ characters)</source>
        <translation>Password (8+ characters)</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>Username</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>Last sign-in</translation>
    </message>
    <message>
        <source>Search operators…</source>
        <translation>Search operators…</translation>
    </message>
    <message>
        <source>No operator accounts.</source>
        <translation>No operator accounts.</translation>
    </message>
    <message>
        <source>&amp;Add operator…</source>
        <translation>&amp;Add operator…</translation>
    </message>
    <message>
        <source>&amp;Disable / enable</source>
        <translation>&amp;Disable / enable</translation>
    </message>
    <message>
        <source>Change &amp;role…</source>
        <translation>Change &amp;role…</translation>
    </message>
    <message>
        <source>Action, e.g. auth.login</source>
        <translation>Action, e.g. auth.login</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Text in object or details</source>
        <translation>Text in object or details</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>&amp;Filter</translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation>&amp;Verify chain</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Object</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Hash</source>
        <translation>Hash</translation>
    </message>
    <message>
        <source>Search the loaded entries…</source>
        <translation>Search the loaded entries…</translation>
    </message>
    <message>
        <source>No audit entries match.</source>
        <translation>No audit entries match.</translation>
    </message>
    <message>
        <source>Operators</source>
        <translation>Operators</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>Your role has no administration rights.</source>
        <translation>Your role has no administration rights.</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>active</source>
        <translation>active</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>disabled</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>Verifying…</translation>
    </message>
    <message>
        <source>Audit chain intact: %1 entries checked, signed with the audit key from entry #%2.</source>
        <translation>Audit chain intact: %1 entries checked, signed with the audit key from entry #%2.</translation>
    </message>
    <message>
        <source>Audit chain intact: %1 entries checked. Not signed with an audit key: someone with database rights could rewrite it undetected (csgt-console audit keygen).</source>
        <translation>Audit chain intact: %1 entries checked. Not signed with an audit key: someone with database rights could rewrite it undetected (csgt-console audit keygen).</translation>
    </message>
    <message>
        <source>Audit chain BROKEN at entry #%1: %2</source>
        <translation>Audit chain BROKEN at entry #%1: %2</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>Change role</translation>
    </message>
    <message>
        <source>New role</source>
        <translation>New role</translation>
    </message>
</context>
<context>
    <name>AlertsPage</name>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Search alerts…</source>
        <translation>Search alerts…</translation>
    </message>
    <message>
        <source>No alerts. Alerts appear here when a hotlisted plate is read or a rule fires.</source>
        <translation>No alerts. Alerts appear here when a hotlisted plate is read or a rule fires.</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>Plate</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Colour</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>Requested by</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>Search plate, reason or unit…</source>
        <translation>Search plate, reason or unit…</translation>
    </message>
    <message>
        <source>The hotlist is empty.</source>
        <translation>The hotlist is empty.</translation>
    </message>
    <message>
        <source>Create &amp;incident from alert</source>
        <translation>Create &amp;incident from alert</translation>
    </message>
    <message>
        <source>&amp;Trace plate on map</source>
        <translation>&amp;Trace plate on map</translation>
    </message>
    <message>
        <source>Where and when this plate was seen, on the map (Ctrl+T)</source>
        <translation>Where and when this plate was seen, on the map (Ctrl+T)</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <source>Hotlist (wanted vehicles)</source>
        <translation>Hotlist (wanted vehicles)</translation>
    </message>
    <message>
        <source>Alerts (%1)</source>
        <translation>Alerts (%1)</translation>
    </message>
    <message>
        <source>Hotlist (wanted vehicles) (%1)</source>
        <translation>Hotlist (wanted vehicles) (%1)</translation>
    </message>
</context>
<context>
    <name>ConsoleStatus</name>
    <message>
        <source>Database: %1 …</source>
        <translation>Database: %1 …</translation>
    </message>
    <message>
        <source>Broker: …</source>
        <translation>Broker: …</translation>
    </message>
    <message>
        <source>Inference: …</source>
        <translation>Inference: …</translation>
    </message>
    <message>
        <source>Database: %1 OK</source>
        <translation>Database: %1 OK</translation>
    </message>
    <message>
        <source>Database: %1 unreachable</source>
        <translation>Database: %1 unreachable</translation>
    </message>
    <message>
        <source>Broker: not configured</source>
        <translation>Broker: not configured</translation>
    </message>
    <message>
        <source>Broker: connected</source>
        <translation>Broker: connected</translation>
    </message>
    <message>
        <source>Broker: unreachable</source>
        <translation>Broker: unreachable</translation>
    </message>
    <message>
        <source>Inference: unavailable</source>
        <translation>Inference: unavailable</translation>
    </message>
    <message>
        <source>Inference: %1</source>
        <translation>Inference: %1</translation>
    </message>
</context>
<context>
    <name>DispatchPanel</name>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Distance</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>ETA</translation>
    </message>
    <message>
        <source>Dispatch selected team</source>
        <translation>Dispatch selected team</translation>
    </message>
    <message>
        <source>On scene</source>
        <translation>On scene</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <source>Cancel incident</source>
        <translation>Cancel incident</translation>
    </message>
    <message>
        <source>Close panel</source>
        <translation>Close panel</translation>
    </message>
    <message>
        <source>Suggested teams (available only; nearest first)</source>
        <translation>Suggested teams (available only; nearest first)</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>Incident #%1</source>
        <translation>Incident #%1</translation>
    </message>
    <message>
        <source>Teams: %1</source>
        <translation>Teams: %1</translation>
    </message>
    <message>
        <source>stale fix</source>
        <translation>stale fix</translation>
    </message>
</context>
<context>
    <name>DrivingTimePage</name>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>Driver</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licence</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>Plate</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>Continuous</source>
        <translation>Continuous</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>Last fix</source>
        <translation>Last fix</translation>
    </message>
    <message>
        <source>Search driver, plate or company…</source>
        <translation>Search driver, plate or company…</translation>
    </message>
    <message>
        <source>No driver is near a driving-time limit.</source>
        <translation>No driver is near a driving-time limit.</translation>
    </message>
    <message>
        <source>Limits (%1): %2 h continuous, %3 h a day, %4 h a week; a stop of %5 min or more is rest.</source>
        <translation>Limits (%1): %2 h continuous, %3 h a day, %4 h a week; a stop of %5 min or more is rest.</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Last 24 hours</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>Driving time</source>
        <translation>Driving time</translation>
    </message>
    <message>
        <source>Over limit</source>
        <translation>Over limit</translation>
    </message>
    <message>
        <source>Near limit</source>
        <translation>Near limit</translation>
    </message>
</context>
<context>
    <name>DrivingTimeline</name>
    <message>
        <source>Driving</source>
        <translation>Driving</translation>
    </message>
    <message>
        <source>Rest</source>
        <translation>Rest</translation>
    </message>
</context>
<context>
    <name>EntryForm</name>
    <message>
        <source>Place / km</source>
        <translation>Place / km</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>Plate</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Add entry</source>
        <translation>Add entry</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Violation</source>
        <translation>Violation</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Tested</source>
        <translation>Tested</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Reading</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Incident</translation>
    </message>
    <message>
        <source>not a valid plate</source>
        <translation>not a valid plate</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Your role does not allow this action.</source>
        <translation>Your role does not allow this action.</translation>
    </message>
    <message>
        <source>The connection to the database was lost while saving: the change may have been saved. Check before doing it again.</source>
        <translation>The connection to the database was lost while saving: the change may have been saved. Check before doing it again.</translation>
    </message>
    <message>
        <source>The database cannot be reached, so nothing was saved. Try again when the status bar shows the database OK.</source>
        <translation>The database cannot be reached, so nothing was saved. Try again when the status bar shows the database OK.</translation>
    </message>
    <message>
        <source>Database problem: %1</source>
        <translation>Database problem: %1</translation>
    </message>
    <message>
        <source>Unexpected error: %1</source>
        <translation>Unexpected error: %1</translation>
    </message>
    <message>
        <source>Could not complete</source>
        <translation>Could not complete</translation>
    </message>
</context>
<context>
    <name>EvidenceViewer</name>
    <message>
        <source>No candidate open. Press N to take the next one from the queue.</source>
        <translation>No candidate open. Press N to take the next one from the queue.</translation>
    </message>
    <message>
        <source>The evidence frame is missing from the evidence store.</source>
        <translation>The evidence frame is missing from the evidence store.</translation>
    </message>
    <message>
        <source>No plate crop</source>
        <translation>No plate crop</translation>
    </message>
</context>
<context>
    <name>IncidentForm</name>
    <message>
        <source>New incident</source>
        <translation>New incident</translation>
    </message>
    <message>
        <source>1 – urgent</source>
        <translation>1 – urgent</translation>
    </message>
    <message>
        <source>2 – high</source>
        <translation>2 – high</translation>
    </message>
    <message>
        <source>3 – normal</source>
        <translation>3 – normal</translation>
    </message>
    <message>
        <source>Km, road, direction or address</source>
        <translation>Km, road, direction or address</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Create incident</source>
        <translation>Create incident</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>IncidentsPage</name>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Search incidents…</source>
        <translation>Search incidents…</translation>
    </message>
    <message>
        <source>No incidents recorded.</source>
        <translation>No incidents recorded.</translation>
    </message>
    <message>
        <source>New incident…</source>
        <translation>New incident…</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <source>%1 incident(s), %2 open</source>
        <translation>%1 incident(s), %2 open</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>%n s ago</numerusform>
            <numerusform>%n s ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days ago</source>
        <translation>
            <numerusform>%n days ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Available</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <source>En route</source>
        <translation>En route</translation>
    </message>
    <message>
        <source>On scene</source>
        <translation>On scene</translation>
    </message>
    <message>
        <source>Returning</source>
        <translation>Returning</translation>
    </message>
    <message>
        <source>Off duty</source>
        <translation>Off duty</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>Out of service</translation>
    </message>
    <message>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>Being reviewed</source>
        <translation>Being reviewed</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Acknowledged</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>Signed off</source>
        <translation>Signed off</translation>
    </message>
    <message>
        <source>Expressways</source>
        <translation>Expressways</translation>
    </message>
    <message>
        <source>National highways</source>
        <translation>National highways</translation>
    </message>
    <message>
        <source>City</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Wanted</source>
        <translation>Wanted</translation>
    </message>
    <message>
        <source>Stolen</source>
        <translation>Stolen</translation>
    </message>
    <message>
        <source>Hit and run</source>
        <translation>Hit and run</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Red light</source>
        <translation>Red light</translation>
    </message>
    <message>
        <source>Wrong way</source>
        <translation>Wrong way</translation>
    </message>
    <message>
        <source>Speeding</source>
        <translation>Speeding</translation>
    </message>
    <message>
        <source>Stopping on expressway</source>
        <translation>Stopping on expressway</translation>
    </message>
    <message>
        <source>Wrong lane</source>
        <translation>Wrong lane</translation>
    </message>
    <message>
        <source>No helmet</source>
        <translation>No helmet</translation>
    </message>
    <message>
        <source>Crowd</source>
        <translation>Crowd</translation>
    </message>
    <message>
        <source>white</source>
        <translation>white</translation>
    </message>
    <message>
        <source>yellow</source>
        <translation>yellow</translation>
    </message>
    <message>
        <source>blue</source>
        <translation>blue</translation>
    </message>
    <message>
        <source>red</source>
        <translation>red</translation>
    </message>
    <message>
        <source>Crash</source>
        <translation>Crash</translation>
    </message>
    <message>
        <source>Stopped vehicle</source>
        <translation>Stopped vehicle</translation>
    </message>
    <message>
        <source>Wanted vehicle</source>
        <translation>Wanted vehicle</translation>
    </message>
    <message>
        <source>Road hazard</source>
        <translation>Road hazard</translation>
    </message>
    <message>
        <source>Hotlist plate seen</source>
        <translation>Hotlist plate seen</translation>
    </message>
    <message>
        <source>Behaviour</source>
        <translation>Behaviour</translation>
    </message>
    <message>
        <source>Driving time</source>
        <translation>Driving time</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Citizen help request</source>
        <translation>Citizen help request</translation>
    </message>
    <message>
        <source>Wrong way on expressway</source>
        <translation>Wrong way on expressway</translation>
    </message>
    <message>
        <source>Speeding 5–10 km/h</source>
        <translation>Speeding 5–10 km/h</translation>
    </message>
    <message>
        <source>Speeding 10–20 km/h</source>
        <translation>Speeding 10–20 km/h</translation>
    </message>
    <message>
        <source>Speeding 20–35 km/h</source>
        <translation>Speeding 20–35 km/h</translation>
    </message>
    <message>
        <source>Speeding over 35 km/h</source>
        <translation>Speeding over 35 km/h</translation>
    </message>
    <message>
        <source>Phone while driving</source>
        <translation>Phone while driving</translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <translation>Awaiting approval</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>Final</translation>
    </message>
    <message>
        <source>Notice sent</source>
        <translation>Notice sent</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Published</translation>
    </message>
    <message>
        <source>Unreadable plate</source>
        <translation>Unreadable plate</translation>
    </message>
    <message>
        <source>Emergency vehicle</source>
        <translation>Emergency vehicle</translation>
    </message>
    <message>
        <source>Detection error</source>
        <translation>Detection error</translation>
    </message>
    <message>
        <source>Speed (km/h)</source>
        <translation>Speed (km/h)</translation>
    </message>
    <message>
        <source>Limit (km/h)</source>
        <translation>Limit (km/h)</translation>
    </message>
    <message>
        <source>Stopped (s)</source>
        <translation>Stopped (s)</translation>
    </message>
    <message>
        <source>Red for (s)</source>
        <translation>Red for (s)</translation>
    </message>
    <message>
        <source>Signal</source>
        <translation>Signal</translation>
    </message>
    <message>
        <source>Car</source>
        <translation>Car</translation>
    </message>
    <message>
        <source>Motorbike</source>
        <translation>Motorbike</translation>
    </message>
    <message>
        <source>Bus</source>
        <translation>Bus</translation>
    </message>
    <message>
        <source>Truck</source>
        <translation>Truck</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <source>Vehicle check</source>
        <translation>Vehicle check</translation>
    </message>
    <message>
        <source>Alcohol test</source>
        <translation>Alcohol test</translation>
    </message>
    <message>
        <source>Incident attended</source>
        <translation>Incident attended</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>No violation</source>
        <translation>No violation</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>Violation</source>
        <translation>Violation</translation>
    </message>
    <message>
        <source>Vehicle held</source>
        <translation>Vehicle held</translation>
    </message>
    <message>
        <source>Station entry</source>
        <translation>Station entry</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>Patrol check</source>
        <translation>Patrol check</translation>
    </message>
    <message>
        <source>Camera read</source>
        <translation>Camera read</translation>
    </message>
    <message>
        <source>Fine</source>
        <translation>Fine</translation>
    </message>
    <message>
        <source>Congestion</source>
        <translation>Congestion</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>By hand</source>
        <translation>By hand</translation>
    </message>
    <message>
        <source>Citizen report</source>
        <translation>Citizen report</translation>
    </message>
    <message>
        <source>Order sent</source>
        <translation>Order sent</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>Arrived</translation>
    </message>
    <message>
        <source>Cleared</source>
        <translation>Cleared</translation>
    </message>
    <message>
        <source>malformed</source>
        <translation>malformed</translation>
    </message>
    <message>
        <source>not a location</source>
        <translation>not a location</translation>
    </message>
    <message>
        <source>bad topic</source>
        <translation>bad topic</translation>
    </message>
    <message>
        <source>missing field</source>
        <translation>missing field</translation>
    </message>
    <message>
        <source>out of range</source>
        <translation>out of range</translation>
    </message>
    <message>
        <source>time in the future</source>
        <translation>time in the future</translation>
    </message>
    <message>
        <source>too old</source>
        <translation>too old</translation>
    </message>
    <message>
        <source>out of order</source>
        <translation>out of order</translation>
    </message>
    <message>
        <source>unknown team</source>
        <translation>unknown team</translation>
    </message>
    <message>
        <source>reported by the team</source>
        <translation>reported by the team</translation>
    </message>
</context>
<context>
    <name>LiveDetection</name>
    <message>
        <source>vehicle detector not available</source>
        <translation>vehicle detector not available</translation>
    </message>
    <message>
        <source>Detection is off: %1</source>
        <translation>Detection is off: %1</translation>
    </message>
    <message>
        <source>Plate reading is off: %1</source>
        <translation>Plate reading is off: %1</translation>
    </message>
    <message>
        <source>Rule skipped: %1</source>
        <translation>Rule skipped: %1</translation>
    </message>
    <message>
        <source>%1: own vehicle detector not used, default instead: %2</source>
        <translation>%1: own vehicle detector not used, default instead: %2</translation>
    </message>
    <message>
        <source>New hotlist alert: %1 (see Alerts)</source>
        <translation>New hotlist alert: %1 (see Alerts)</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>Console locked</source>
        <translation>Console locked</translation>
    </message>
    <message>
        <source>The console was locked after a period without activity.</source>
        <translation>The console was locked after a period without activity.</translation>
    </message>
    <message>
        <source>Password for %1</source>
        <translation>Password for %1</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation>Wrong password.</translation>
    </message>
</context>
<context>
    <name>Login</name>
    <message>
        <source>Too many failed attempts. Try again in %1 min.</source>
        <translation>Too many failed attempts. Try again in %1 min.</translation>
    </message>
    <message>
        <source>This account is disabled. Ask an administrator.</source>
        <translation>This account is disabled. Ask an administrator.</translation>
    </message>
    <message>
        <source>Wrong username or password.</source>
        <translation>Wrong username or password.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>CSGT command console — sign in</source>
        <translation>CSGT command console — sign in</translation>
    </message>
    <message>
        <source>Traffic Police Command Console</source>
        <translation>Traffic Police Command Console</translation>
    </message>
    <message>
        <source>&amp;Username</source>
        <translation>&amp;Username</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>CSGT command console — %1</source>
        <translation>CSGT command console — %1</translation>
    </message>
    <message>
        <source>%1 (%2 new)</source>
        <translation>%1 (%2 new)</translation>
    </message>
</context>
<context>
    <name>MapPage</name>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Cameras</source>
        <translation>Cameras</translation>
    </message>
    <message>
        <source>Patrol teams</source>
        <translation>Patrol teams</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <source>Trails</source>
        <translation>Trails</translation>
    </message>
    <message>
        <source>Routes</source>
        <translation>Routes</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Last fix</source>
        <translation>Last fix</translation>
    </message>
    <message>
        <source>Search team or state…</source>
        <translation>Search team or state…</translation>
    </message>
    <message>
        <source>Station tiles</source>
        <translation>Station tiles</translation>
    </message>
    <message>
        <source>Offline map</source>
        <translation>Offline map</translation>
    </message>
    <message>
        <source>GPS feed: not running (positions from the database)</source>
        <translation>GPS feed: not running (positions from the database)</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>connected</translation>
    </message>
    <message>
        <source>reconnecting…</source>
        <translation>reconnecting…</translation>
    </message>
    <message>
        <source>in process</source>
        <translation>in process</translation>
    </message>
    <message>
        <source>no positions</source>
        <translation>no positions</translation>
    </message>
    <message>
        <source>GPS feed %1 (%2)</source>
        <translation>GPS feed %1 (%2)</translation>
    </message>
    <message>
        <source>%1 msg/s · accepted %2 · last message %3</source>
        <translation>%1 msg/s · accepted %2 · last message %3</translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation>Rejected: %1</translation>
    </message>
    <message>
        <source>%1, last hour</source>
        <translation>%1, last hour</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Speed</translation>
    </message>
    <message>
        <source>No patrol teams are registered.</source>
        <translation>No patrol teams are registered.</translation>
    </message>
    <message>
        <source>Set team state</source>
        <translation>Set team state</translation>
    </message>
    <message>
        <source>New incident here…</source>
        <translation>New incident here…</translation>
    </message>
    <message>
        <source>Or click the map where it happened</source>
        <translation>Or click the map where it happened</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>stale</translation>
    </message>
</context>
<context>
    <name>NewLogDialog</name>
    <message>
        <source>New patrol log</source>
        <translation>New patrol log</translation>
    </message>
    <message>
        <source>Shift still running (no end yet)</source>
        <translation>Shift still running (no end yet)</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Shift start</source>
        <translation>Shift start</translation>
    </message>
    <message>
        <source>Shift end</source>
        <translation>Shift end</translation>
    </message>
    <message>
        <source>Plan reference</source>
        <translation>Plan reference</translation>
    </message>
    <message>
        <source>Route / area</source>
        <translation>Route / area</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>Vehicle</translation>
    </message>
</context>
<context>
    <name>PatrolDetail</name>
    <message>
        <source>The shift has no end time.</source>
        <translation>The shift has no end time.</translation>
    </message>
    <message>
        <source>Entry at %1 is outside the shift.</source>
        <translation>Entry at %1 is outside the shift.</translation>
    </message>
    <message>
        <source>Entry at %1 is %2 km from anywhere the unit's GPS went.</source>
        <translation>Entry at %1 is %2 km from anywhere the unit's GPS went.</translation>
    </message>
    <message>
        <source>Entries have places, but the unit sent no GPS fix during the shift.</source>
        <translation>Entries have places, but the unit sent no GPS fix during the shift.</translation>
    </message>
    <message>
        <source>Entry at %1: vehicle held without a violation.</source>
        <translation>Entry at %1: vehicle held without a violation.</translation>
    </message>
    <message>
        <source>Entry at %1: incident without a dispatch record for this unit.</source>
        <translation>Entry at %1: incident without a dispatch record for this unit.</translation>
    </message>
    <message>
        <source>No GPS fix for %1 min from %2.</source>
        <translation>No GPS fix for %1 min from %2.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>Plate</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Violation</source>
        <translation>Violation</translation>
    </message>
    <message>
        <source>Alcohol</source>
        <translation>Alcohol</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Search the timeline…</source>
        <translation>Search the timeline…</translation>
    </message>
    <message>
        <source>No entries yet.</source>
        <translation>No entries yet.</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>Submit for review</translation>
    </message>
    <message>
        <source>Return with comment…</source>
        <translation>Return with comment…</translation>
    </message>
    <message>
        <source>Sign off</source>
        <translation>Sign off</translation>
    </message>
    <message>
        <source>Correct (new revision)</source>
        <translation>Correct (new revision)</translation>
    </message>
    <message>
        <source>Remove selected entry</source>
        <translation>Remove selected entry</translation>
    </message>
    <message>
        <source>Checks before sign-off</source>
        <translation>Checks before sign-off</translation>
    </message>
    <message>
        <source>Return the log</source>
        <translation>Return the log</translation>
    </message>
    <message>
        <source>What must the team correct?</source>
        <translation>What must the team correct?</translation>
    </message>
    <message>
        <source>Choose a log on the left.</source>
        <translation>Choose a log on the left.</translation>
    </message>
    <message>
        <source>GPS: %1 km driven, %2 h moving, %3 h stopped, %4 fixes, %5 gap(s).</source>
        <translation>GPS: %1 km driven, %2 h moving, %3 h stopped, %4 fixes, %5 gap(s).</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>No problems found.</translation>
    </message>
    <message>
        <source>%1 tested</source>
        <translation>%1 tested</translation>
    </message>
    <message>
        <source>replaced by log #%1</source>
        <translation>replaced by log #%1</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Route / area</source>
        <translation>Route / area</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>Vehicle</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>Signed off by</source>
        <translation>Signed off by</translation>
    </message>
    <message>
        <source>Review comment</source>
        <translation>Review comment</translation>
    </message>
</context>
<context>
    <name>PatrolPage</name>
    <message>
        <source>Logs and review</source>
        <translation>Logs and review</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>Vehicle lookup</source>
        <translation>Vehicle lookup</translation>
    </message>
    <message>
        <source>Review queue (submitted)</source>
        <translation>Review queue (submitted)</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>Show replaced revisions</source>
        <translation>Show replaced revisions</translation>
    </message>
    <message>
        <source>Import JSON…</source>
        <translation>Import JSON…</translation>
    </message>
    <message>
        <source>New log…</source>
        <translation>New log…</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Shift start</source>
        <translation>Shift start</translation>
    </message>
    <message>
        <source>Shift end</source>
        <translation>Shift end</translation>
    </message>
    <message>
        <source>Route / area</source>
        <translation>Route / area</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>Entries</translation>
    </message>
    <message>
        <source>Search team, route or state…</source>
        <translation>Search team, route or state…</translation>
    </message>
    <message>
        <source>No patrol logs in this state.</source>
        <translation>No patrol logs in this state.</translation>
    </message>
    <message numerus="yes">
        <source>%n log(s)</source>
        <translation>
            <numerusform>%n log(s)</numerusform>
            <numerusform>%n log(s)</numerusform>
        </translation>
    </message>
    <message>
        <source>Sign off</source>
        <translation>Sign off</translation>
    </message>
    <message numerus="yes">
        <source>This log has %n finding(s) listed under the checks. Sign it off anyway?</source>
        <translation>
            <numerusform>This log has %n finding(s) listed under the checks. Sign it off anyway?</numerusform>
            <numerusform>This log has %n finding(s) listed under the checks. Sign it off anyway?</numerusform>
        </translation>
    </message>
    <message>
        <source>Import patrol logs</source>
        <translation>Import patrol logs</translation>
    </message>
    <message>
        <source>Patrol logs (*.json)</source>
        <translation>Patrol logs (*.json)</translation>
    </message>
    <message>
        <source>%1: rejected, nothing imported — %2</source>
        <translation>%1: rejected, nothing imported — %2</translation>
    </message>
    <message>
        <source>%1: imported as log #%2</source>
        <translation>%1: imported as log #%2</translation>
    </message>
    <message>
        <source>%1: already imported as log #%2</source>
        <translation>%1: already imported as log #%2</translation>
    </message>
    <message>
        <source>Teams (call signs, comma-separated; empty: all)</source>
        <translation>Teams (call signs, comma-separated; empty: all)</translation>
    </message>
    <message>
        <source>Route contains…</source>
        <translation>Route contains…</translation>
    </message>
    <message>
        <source>Signed-off logs only</source>
        <translation>Signed-off logs only</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <source>Filter teams…</source>
        <translation>Filter teams…</translation>
    </message>
    <message>
        <source>No shifts in this period.</source>
        <translation>No shifts in this period.</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Shifts</source>
        <translation>Shifts</translation>
    </message>
    <message>
        <source>Km (GPS)</source>
        <translation>Km (GPS)</translation>
    </message>
    <message>
        <source>Vehicles checked</source>
        <translation>Vehicles checked</translation>
    </message>
    <message>
        <source>Violations</source>
        <translation>Violations</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Held</translation>
    </message>
    <message>
        <source>Alcohol tests</source>
        <translation>Alcohol tests</translation>
    </message>
    <message>
        <source>Positive</source>
        <translation>Positive</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Export CSV</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <source>Patrol shift report</source>
        <translation>Patrol shift report</translation>
    </message>
    <message>
        <source>Patrol logs</source>
        <translation>Patrol logs</translation>
    </message>
</context>
<context>
    <name>PatrolReportPdf</name>
    <message>
        <source>Km from the units' stored GPS fixes; latest revision of each log.</source>
        <translation>Km from the units' stored GPS fixes; latest revision of each log.</translation>
    </message>
</context>
<context>
    <name>PlateLookup</name>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event(s)</numerusform>
            <numerusform>%n event(s)</numerusform>
        </translation>
    </message>
    <message>
        <source>Type at least 3 letters or digits of the plate.</source>
        <translation>Type at least 3 letters or digits of the plate.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
</context>
<context>
    <name>PlateLookupPanel</name>
    <message>
        <source>Plate or part of it, e.g. 30A-123.45, 12345, 30A*45</source>
        <translation>Plate or part of it, e.g. 30A-123.45, 12345, 30A*45</translation>
    </message>
    <message>
        <source>Look up</source>
        <translation>Look up</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>Plate</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Filter these results…</source>
        <translation>Filter these results…</translation>
    </message>
    <message>
        <source>Type a plate and press Enter: patrol checks, camera reads and fines appear here.</source>
        <translation>Type a plate and press Enter: patrol checks, camera reads and fines appear here.</translation>
    </message>
</context>
<context>
    <name>ReportCharts</name>
    <message>
        <source>Km patrolled (GPS) per team</source>
        <translation>Km patrolled (GPS) per team</translation>
    </message>
    <message>
        <source>Vehicles checked and violations per team</source>
        <translation>Vehicles checked and violations per team</translation>
    </message>
    <message>
        <source>Violations by rule</source>
        <translation>Violations by rule</translation>
    </message>
    <message>
        <source>Km patrolled per day</source>
        <translation>Km patrolled per day</translation>
    </message>
    <message>
        <source>checked</source>
        <translation>checked</translation>
    </message>
    <message>
        <source>violations</source>
        <translation>violations</translation>
    </message>
</context>
<context>
    <name>ReviewFines</name>
    <message numerus="yes">
        <source>%n fine(s) listed.</source>
        <translation>
            <numerusform>%n fine(s) listed.</numerusform>
            <numerusform>%n fine(s) listed.</numerusform>
        </translation>
    </message>
    <message>
        <source>million VND</source>
        <translation>million VND</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>Detected</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>Plate</translation>
    </message>
    <message>
        <source>Violation</source>
        <translation>Violation</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Confirmed by</source>
        <translation>Confirmed by</translation>
    </message>
    <message>
        <source>Search plate or violation…</source>
        <translation>Search plate or violation…</translation>
    </message>
    <message>
        <source>No fine is waiting for approval.</source>
        <translation>No fine is waiting for approval.</translation>
    </message>
    <message>
        <source>Approve (A)</source>
        <translation>Approve (A)</translation>
    </message>
    <message>
        <source>Refuse…</source>
        <translation>Refuse…</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>Refuse the fine</source>
        <translation>Refuse the fine</translation>
    </message>
    <message>
        <source>Why is the fine refused?</source>
        <translation>Why is the fine refused?</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Days</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Publish from</source>
        <translation>Publish from</translation>
    </message>
    <message>
        <source>Search plate, violation or owner…</source>
        <translation>Search plate, violation or owner…</translation>
    </message>
    <message>
        <source>No open fines.</source>
        <translation>No open fines.</translation>
    </message>
    <message>
        <source>Notice PDF</source>
        <translation>Notice PDF</translation>
    </message>
    <message>
        <source>Notices for all final fines</source>
        <translation>Notices for all final fines</translation>
    </message>
    <message>
        <source>Mark resolved</source>
        <translation>Mark resolved</translation>
    </message>
    <message>
        <source>Export publication list…</source>
        <translation>Export publication list…</translation>
    </message>
    <message>
        <source>Import registrations…</source>
        <translation>Import registrations…</translation>
    </message>
    <message>
        <source>unknown — follow up</source>
        <translation>unknown — follow up</translation>
    </message>
    <message>
        <source>Export publication list</source>
        <translation>Export publication list</translation>
    </message>
    <message>
        <source>CSV (*.csv);;JSON (*.json)</source>
        <translation>CSV (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>Exported</translation>
    </message>
    <message>
        <source>Import registrations</source>
        <translation>Import registrations</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Nothing was imported</source>
        <translation>Nothing was imported</translation>
    </message>
    <message>
        <source>%1 added, %2 updated.</source>
        <translation>%1 added, %2 updated.</translation>
    </message>
    <message>
        <source>Registrations imported</source>
        <translation>Registrations imported</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Shift from</source>
        <translation>Shift from</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Duplicates</translation>
    </message>
    <message>
        <source>Search operator…</source>
        <translation>Search operator…</translation>
    </message>
    <message>
        <source>No decisions in the last 7 days.</source>
        <translation>No decisions in the last 7 days.</translation>
    </message>
    <message>
        <source>Confirmed / rejected per rule (7 days)</source>
        <translation>Confirmed / rejected per rule (7 days)</translation>
    </message>
    <message>
        <source>Confirmed share per camera: </source>
        <translation>Confirmed share per camera: </translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>Approvals</translation>
    </message>
    <message>
        <source>Fines and notices</source>
        <translation>Fines and notices</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>Plate or its start</source>
        <translation>Plate or its start</translation>
    </message>
    <message>
        <source>All violations</source>
        <translation>All violations</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Any time</translation>
    </message>
    <message>
        <source>Last %1</source>
        <translation>Last %1</translation>
    </message>
    <message>
        <source>All cameras</source>
        <translation>All cameras</translation>
    </message>
    <message>
        <source>All routes</source>
        <translation>All routes</translation>
    </message>
    <message>
        <source>Trace plate on map</source>
        <translation>Trace plate on map</translation>
    </message>
    <message>
        <source>Where and when this case's plate was seen, on the map (Ctrl+T)</source>
        <translation>Where and when this case's plate was seen, on the map (Ctrl+T)</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>Detected</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Violation</source>
        <translation>Violation</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>Plate</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Search this page…</source>
        <translation>Search this page…</translation>
    </message>
    <message>
        <source>No violation candidates match the filters.</source>
        <translation>No violation candidates match the filters.</translation>
    </message>
    <message>
        <source>Load more</source>
        <translation>Load more</translation>
    </message>
    <message>
        <source>Citizen · %1</source>
        <translation>Citizen · %1</translation>
    </message>
    <message>
        <source>Waiting %1 · being reviewed %2 · confirmed %3 · rejected %4 · duplicates %5</source>
        <translation>Waiting %1 · being reviewed %2 · confirmed %3 · rejected %4 · duplicates %5</translation>
    </message>
    <message>
        <source>The queue is empty under these filters.</source>
        <translation>The queue is empty under these filters.</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source> (%1 hits in this case)</source>
        <translation> (%1 hits in this case)</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Measured</translation>
    </message>
    <message>
        <source>Plate read</source>
        <translation>Plate read</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>Vehicle</translation>
    </message>
    <message>
        <source>Licence points: %1</source>
        <translation>Licence points: %1</translation>
    </message>
    <message>
        <source>Owner: %1</source>
        <translation>Owner: %1</translation>
    </message>
    <message>
        <source>unknown — will be flagged for follow-up</source>
        <translation>unknown — will be flagged for follow-up</translation>
    </message>
    <message>
        <source>Camera rule</source>
        <translation>Camera rule</translation>
    </message>
    <message>
        <source>Citizen report via %1, at %2, %3 (%4 m from the camera)</source>
        <translation>Citizen report via %1, at %2, %3 (%4 m from the camera)</translation>
    </message>
    <message>
        <source>#%1 confirmed: fine %2</source>
        <translation>#%1 confirmed: fine %2</translation>
    </message>
    <message>
        <source>; owner unknown, flagged for follow-up</source>
        <translation>; owner unknown, flagged for follow-up</translation>
    </message>
    <message>
        <source>#%1 rejected (%2)</source>
        <translation>#%1 rejected (%2)</translation>
    </message>
    <message>
        <source>Plate corrected; press C to confirm.</source>
        <translation>Plate corrected; press C to confirm.</translation>
    </message>
    <message>
        <source>#%1 skipped</source>
        <translation>#%1 skipped</translation>
    </message>
    <message>
        <source>Review (camera fines)</source>
        <translation>Review (camera fines)</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <source>Candidate</source>
        <translation>Candidate</translation>
    </message>
    <message>
        <source>Fine (Decree 168/2024)</source>
        <translation>Fine (Decree 168/2024)</translation>
    </message>
    <message>
        <source>Plate as written, e.g. 30A-123.45</source>
        <translation>Plate as written, e.g. 30A-123.45</translation>
    </message>
    <message>
        <source>Next (N)</source>
        <translation>Next (N)</translation>
    </message>
    <message>
        <source>Confirm (C)</source>
        <translation>Confirm (C)</translation>
    </message>
    <message>
        <source>Reject (R)</source>
        <translation>Reject (R)</translation>
    </message>
    <message>
        <source>Correct plate (P)</source>
        <translation>Correct plate (P)</translation>
    </message>
    <message>
        <source>Skip (S)</source>
        <translation>Skip (S)</translation>
    </message>
    <message>
        <source>Press N to claim the oldest waiting candidate.</source>
        <translation>Press N to claim the oldest waiting candidate.</translation>
    </message>
    <message>
        <source>Needs a supervisor's approval</source>
        <translation>Needs a supervisor's approval</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>Why is this candidate rejected?</source>
        <translation>Why is this candidate rejected?</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>The configuration is not valid</source>
        <translation>The configuration is not valid</translation>
    </message>
    <message>
        <source>The database cannot be used</source>
        <translation>The database cannot be used</translation>
    </message>
    <message>
        <source>Demo mode: sign in as %1 with password %2.</source>
        <translation>Demo mode: sign in as %1 with password %2.</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>Unexpected error</translation>
    </message>
</context>
<context>
    <name>TablePage</name>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record(s)</numerusform>
            <numerusform>%n record(s)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TracePanel</name>
    <message>
        <source>Plate trace</source>
        <translation>Plate trace</translation>
    </message>
    <message>
        <source>Plate or pattern: 30A-123.45, 51F*, 30A-12?.??</source>
        <translation>Plate or pattern: 30A-123.45, 51F*, 30A-12?.??</translation>
    </message>
    <message>
        <source>last %1 h</source>
        <translation>last %1 h</translation>
    </message>
    <message>
        <source>Trace</source>
        <translation>Trace</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Speed</translation>
    </message>
    <message>
        <source>Dispatch to intercept…</source>
        <translation>Dispatch to intercept…</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Km</source>
        <translation>Km</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>ETA</translation>
    </message>
    <message>
        <source>Dispatch selected team to intercept</source>
        <translation>Dispatch selected team to intercept</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>Type a plate (30A-123.45) or a pattern with * or ? (51F*, 30A-12?.??).</source>
        <translation>Type a plate (30A-123.45) or a pattern with * or ? (51F*, 30A-12?.??).</translation>
    </message>
    <message>
        <source>«%1» is not a Vietnamese plate such as 30A-123.45; for part of a plate use * or ? (30A-123*).</source>
        <translation>«%1» is not a Vietnamese plate such as 30A-123.45; for part of a plate use * or ? (30A-123*).</translation>
    </message>
    <message>
        <source>«%1»: a plate pattern has only letters, digits, * and ?.</source>
        <translation>«%1»: a plate pattern has only letters, digits, * and ?.</translation>
    </message>
    <message>
        <source>«%1»: give at least 3 letters or digits of the plate.</source>
        <translation>«%1»: give at least 3 letters or digits of the plate.</translation>
    </message>
    <message>
        <source>«%1» cannot match any Vietnamese plate (e.g. 30A-12?.?? or 51F*).</source>
        <translation>«%1» cannot match any Vietnamese plate (e.g. 30A-12?.?? or 51F*).</translation>
    </message>
    <message>
        <source>No sighting on a route with km markers: the road cannot be inferred.</source>
        <translation>No sighting on a route with km markers: the road cannot be inferred.</translation>
    </message>
    <message>
        <source>Seen at only one km of %1: the direction of travel is not known yet.</source>
        <translation>Seen at only one km of %1: the direction of travel is not known yet.</translation>
    </message>
    <message>
        <source>%1 has fewer than two km markers.</source>
        <translation>%1 has fewer than two km markers.</translation>
    </message>
    <message>
        <source> (more not shown)</source>
        <translation> (more not shown)</translation>
    </message>
    <message>
        <source>%1: %2 sightings</source>
        <translation>%1: %2 sightings</translation>
    </message>
    <message>
        <source>; %1 impossible legs (likely misreads) in grey</source>
        <translation>; %1 impossible legs (likely misreads) in grey</translation>
    </message>
    <message>
        <source>%1 plates match; pick one</source>
        <translation>%1 plates match; pick one</translation>
    </message>
    <message>
        <source>%1 — %2 reads</source>
        <translation>%1 — %2 reads</translation>
    </message>
    <message>
        <source>No camera read this in the chosen time window.</source>
        <translation>No camera read this in the chosen time window.</translation>
    </message>
    <message>
        <source>%1 (misread?)</source>
        <translation>%1 (misread?)</translation>
    </message>
    <message>
        <source>km increasing</source>
        <translation>km increasing</translation>
    </message>
    <message>
        <source>km decreasing</source>
        <translation>km decreasing</translation>
    </message>
    <message>
        <source>%1 on %2, %3 (%4), %5</source>
        <translation>%1 on %2, %3 (%4), %5</translation>
    </message>
    <message>
        <source>Meeting point: %1 km %2</source>
        <translation>Meeting point: %1 km %2</translation>
    </message>
    <message>
        <source>, vehicle there in about %1 min</source>
        <translation>, vehicle there in about %1 min</translation>
    </message>
    <message>
        <source>No available team ahead of the vehicle on this road.</source>
        <translation>No available team ahead of the vehicle on this road.</translation>
    </message>
    <message>
        <source>%1 available teams are behind it (not suggested).</source>
        <translation>%1 available teams are behind it (not suggested).</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>stale fix</source>
        <translation>stale fix</translation>
    </message>
    <message>
        <source>Intercept: %1 km %2</source>
        <translation>Intercept: %1 km %2</translation>
    </message>
    <message>
        <source>%1 dispatched to intercept (incident #%2)</source>
        <translation>%1 dispatched to intercept (incident #%2)</translation>
    </message>
</context>
<context>
    <name>VideoTile</name>
    <message>
        <source>live</source>
        <translation>live</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>connecting</translation>
    </message>
    <message>
        <source>reconnecting (attempt %1)</source>
        <translation>reconnecting (attempt %1)</translation>
    </message>
    <message>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>stopped</translation>
    </message>
    <message>
        <source>authentication failed</source>
        <translation>authentication failed</translation>
    </message>
    <message>
        <source>host unreachable</source>
        <translation>host unreachable</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>connection refused</translation>
    </message>
    <message>
        <source>stream not found</source>
        <translation>stream not found</translation>
    </message>
    <message>
        <source>codec not supported</source>
        <translation>codec not supported</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>timed out</translation>
    </message>
    <message>
        <source>unknown host</source>
        <translation>unknown host</translation>
    </message>
    <message>
        <source>stream lost</source>
        <translation>stream lost</translation>
    </message>
    <message>
        <source>picture frozen</source>
        <translation>picture frozen</translation>
    </message>
    <message>
        <source>stream ended</source>
        <translation>stream ended</translation>
    </message>
    <message>
        <source>address not valid</source>
        <translation>address not valid</translation>
    </message>
    <message>
        <source>cannot open stream</source>
        <translation>cannot open stream</translation>
    </message>
    <message>
        <source>not a playable video</source>
        <translation>not a playable video</translation>
    </message>
    <message>
        <source>Drag a camera here</source>
        <translation>Drag a camera here</translation>
    </message>
    <message>
        <source>%1 fps</source>
        <translation>%1 fps</translation>
    </message>
    <message>
        <source>dropped %1</source>
        <translation>dropped %1</translation>
    </message>
</context>
<context>
    <name>WallPage</name>
    <message>
        <source>Search camera by name, route or km…</source>
        <translation>Search camera by name, route or km…</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Km</source>
        <translation>Km</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Rules</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Camera details</source>
        <translation>Camera details</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Route / km</source>
        <translation>Route / km</translation>
    </message>
    <message>
        <source>Direction of travel</source>
        <translation>Direction of travel</translation>
    </message>
    <message>
        <source>Coordinates</source>
        <translation>Coordinates</translation>
    </message>
    <message>
        <source>Speed limit</source>
        <translation>Speed limit</translation>
    </message>
    <message>
        <source>Main stream</source>
        <translation>Main stream</translation>
    </message>
    <message>
        <source>Sub-stream</source>
        <translation>Sub-stream</translation>
    </message>
    <message>
        <source>Behaviour rules</source>
        <translation>Behaviour rules</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>Tour</source>
        <translation>Tour</translation>
    </message>
    <message>
        <source>Cycle the selected route's cameras through the focused tile</source>
        <translation>Cycle the selected route's cameras through the focused tile</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>Snapshot</translation>
    </message>
    <message>
        <source>Video wall</source>
        <translation>Video wall</translation>
    </message>
    <message>
        <source>%1 cameras on %2 routes</source>
        <translation>%1 cameras on %2 routes</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Testing…</translation>
    </message>
    <message>
        <source>Live: %1×%2 %3, %4 fps via %5</source>
        <translation>Live: %1×%2 %3, %4 fps via %5</translation>
    </message>
    <message>
        <source>Failed: %1 (via %2)</source>
        <translation>Failed: %1 (via %2)</translation>
    </message>
    <message>
        <source>Select a route or group in the camera list to tour it.</source>
        <translation>Select a route or group in the camera list to tour it.</translation>
    </message>
    <message>
        <source>No picture on the selected tile to save.</source>
        <translation>No picture on the selected tile to save.</translation>
    </message>
    <message>
        <source>Snapshot saved to evidence (%1…)</source>
        <translation>Snapshot saved to evidence (%1…)</translation>
    </message>
</context>
</TS>
