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
        <source>Audit chain intact: %1 entries checked.</source>
        <translation>Audit chain intact: %1 entries checked.</translation>
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
    <name>Errors</name>
    <message>
        <source>Your role does not allow this action.</source>
        <translation>Your role does not allow this action.</translation>
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
        <source>Incidents</source>
        <translation>Incidents</translation>
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
        <source>System</source>
        <translation>System</translation>
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
</context>
<context>
    <name>MapPage</name>
    <message>
        <source>Call sign</source>
        <translation>Call sign</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Station</translation>
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
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Speed</translation>
    </message>
    <message>
        <source>Search team, station or state…</source>
        <translation>Search team, station or state…</translation>
    </message>
    <message>
        <source>No patrol teams are registered.</source>
        <translation>No patrol teams are registered.</translation>
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
    <name>PatrolPage</name>
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
        <source>Search team, route or state…</source>
        <translation>Search team, route or state…</translation>
    </message>
    <message>
        <source>No patrol logs recorded.</source>
        <translation>No patrol logs recorded.</translation>
    </message>
    <message>
        <source>Patrol logs</source>
        <translation>Patrol logs</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
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
        <source>Search camera, violation or plate…</source>
        <translation>Search camera, violation or plate…</translation>
    </message>
    <message>
        <source>No violation candidates are waiting for review.</source>
        <translation>No violation candidates are waiting for review.</translation>
    </message>
    <message>
        <source>Review (camera fines)</source>
        <translation>Review (camera fines)</translation>
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
        <source>Video wall</source>
        <translation>Video wall</translation>
    </message>
    <message>
        <source>%1 cameras on %2 routes</source>
        <translation>%1 cameras on %2 routes</translation>
    </message>
</context>
</TS>
