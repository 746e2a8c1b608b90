<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi" sourcelanguage="en">
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add operator account</source>
        <translation>Thêm tài khoản cán bộ</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <source>Password (8+ characters)</source>
        <translation>Mật khẩu (tối thiểu 8 ký tự)</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>Nhập lại mật khẩu</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Hai mật khẩu không khớp nhau.</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>Username</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>Đăng nhập gần nhất</translation>
    </message>
    <message>
        <source>Search operators…</source>
        <translation>Tìm cán bộ…</translation>
    </message>
    <message>
        <source>No operator accounts.</source>
        <translation>Chưa có tài khoản cán bộ nào.</translation>
    </message>
    <message>
        <source>&amp;Add operator…</source>
        <translation>&amp;Thêm cán bộ…</translation>
    </message>
    <message>
        <source>&amp;Disable / enable</source>
        <translation>&amp;Khóa / mở khóa</translation>
    </message>
    <message>
        <source>Change &amp;role…</source>
        <translation>Đổi &amp;vai trò…</translation>
    </message>
    <message>
        <source>Action, e.g. auth.login</source>
        <translation>Thao tác, ví dụ auth.login</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Cán bộ</translation>
    </message>
    <message>
        <source>Text in object or details</source>
        <translation>Nội dung trong đối tượng hoặc chi tiết</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>&amp;Lọc</translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation>Kiểm tra &amp;chuỗi</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Thao tác</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <source>Hash</source>
        <translation>Mã băm</translation>
    </message>
    <message>
        <source>Search the loaded entries…</source>
        <translation>Tìm trong các mục đã tải…</translation>
    </message>
    <message>
        <source>No audit entries match.</source>
        <translation>Không có mục nhật ký nào phù hợp.</translation>
    </message>
    <message>
        <source>Operators</source>
        <translation>Cán bộ</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Nhật ký thao tác</translation>
    </message>
    <message>
        <source>Your role has no administration rights.</source>
        <translation>Vai trò của bạn không có quyền quản trị.</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>Quản trị</translation>
    </message>
    <message>
        <source>active</source>
        <translation>đang hoạt động</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>đã khóa</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <source>Audit chain intact: %1 entries checked.</source>
        <translation>Chuỗi nhật ký toàn vẹn: đã kiểm tra %1 mục.</translation>
    </message>
    <message>
        <source>Audit chain BROKEN at entry #%1: %2</source>
        <translation>Chuỗi nhật ký BỊ PHÁ VỠ tại mục #%1: %2</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>Đổi vai trò</translation>
    </message>
    <message>
        <source>New role</source>
        <translation>Vai trò mới</translation>
    </message>
</context>
<context>
    <name>AlertsPage</name>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Mức ưu tiên</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <source>Search alerts…</source>
        <translation>Tìm cảnh báo…</translation>
    </message>
    <message>
        <source>No alerts. Alerts appear here when a hotlisted plate is read or a rule fires.</source>
        <translation>Chưa có cảnh báo. Cảnh báo hiện ở đây khi đọc được biển số xe đang bị truy tìm hoặc khi một quy tắc phát hiện vi phạm.</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>Biển số</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Màu biển</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>Đơn vị yêu cầu</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Ngày thêm</translation>
    </message>
    <message>
        <source>Search plate, reason or unit…</source>
        <translation>Tìm biển số, lý do hoặc đơn vị…</translation>
    </message>
    <message>
        <source>The hotlist is empty.</source>
        <translation>Danh sách xe truy tìm đang trống.</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>Hotlist (wanted vehicles)</source>
        <translation>Danh sách xe truy tìm</translation>
    </message>
    <message>
        <source>Alerts (%1)</source>
        <translation>Cảnh báo (%1)</translation>
    </message>
    <message>
        <source>Hotlist (wanted vehicles) (%1)</source>
        <translation>Danh sách xe truy tìm (%1)</translation>
    </message>
</context>
<context>
    <name>ConsoleStatus</name>
    <message>
        <source>Database: %1 …</source>
        <translation>CSDL: %1 …</translation>
    </message>
    <message>
        <source>Broker: …</source>
        <translation>Máy chủ MQTT: …</translation>
    </message>
    <message>
        <source>Inference: …</source>
        <translation>Nhận dạng: …</translation>
    </message>
    <message>
        <source>Database: %1 OK</source>
        <translation>CSDL: %1 bình thường</translation>
    </message>
    <message>
        <source>Database: %1 unreachable</source>
        <translation>CSDL: %1 không kết nối được</translation>
    </message>
    <message>
        <source>Broker: not configured</source>
        <translation>Máy chủ MQTT: chưa cấu hình</translation>
    </message>
    <message>
        <source>Broker: connected</source>
        <translation>Máy chủ MQTT: đã kết nối</translation>
    </message>
    <message>
        <source>Broker: unreachable</source>
        <translation>Máy chủ MQTT: không kết nối được</translation>
    </message>
    <message>
        <source>Inference: unavailable</source>
        <translation>Nhận dạng: không khả dụng</translation>
    </message>
    <message>
        <source>Inference: %1</source>
        <translation>Nhận dạng: %1</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Your role does not allow this action.</source>
        <translation>Vai trò của bạn không được phép thực hiện thao tác này.</translation>
    </message>
    <message>
        <source>Database problem: %1</source>
        <translation>Lỗi cơ sở dữ liệu: %1</translation>
    </message>
    <message>
        <source>Unexpected error: %1</source>
        <translation>Lỗi không lường trước: %1</translation>
    </message>
    <message>
        <source>Could not complete</source>
        <translation>Không thể hoàn tất</translation>
    </message>
</context>
<context>
    <name>IncidentsPage</name>
    <message>
        <source>Created</source>
        <translation>Thời điểm tạo</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Mức ưu tiên</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Địa điểm</translation>
    </message>
    <message>
        <source>Search incidents…</source>
        <translation>Tìm sự vụ…</translation>
    </message>
    <message>
        <source>No incidents recorded.</source>
        <translation>Chưa ghi nhận sự vụ nào.</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>Sự vụ</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>%n giây trước</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n phút trước</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n giờ trước</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days ago</source>
        <translation>
            <numerusform>%n ngày trước</numerusform>
        </translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Cán bộ trực ban</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Chỉ huy</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Quản trị viên</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Sẵn sàng</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>Đã điều động</translation>
    </message>
    <message>
        <source>En route</source>
        <translation>Đang di chuyển</translation>
    </message>
    <message>
        <source>On scene</source>
        <translation>Tại hiện trường</translation>
    </message>
    <message>
        <source>Returning</source>
        <translation>Đang quay về</translation>
    </message>
    <message>
        <source>Off duty</source>
        <translation>Ngoài ca trực</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>Ngừng hoạt động</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Mới</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Đã giải quyết</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Đã hủy</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Chờ xử lý</translation>
    </message>
    <message>
        <source>Being reviewed</source>
        <translation>Đang xét duyệt</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Đã xác nhận</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Đã bác bỏ</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Trùng lặp</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Đã tiếp nhận</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Đã đóng</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Đang mở</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Đã trình duyệt</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Bị trả lại</translation>
    </message>
    <message>
        <source>Signed off</source>
        <translation>Đã ký duyệt</translation>
    </message>
    <message>
        <source>Expressways</source>
        <translation>Đường cao tốc</translation>
    </message>
    <message>
        <source>National highways</source>
        <translation>Quốc lộ</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Đường đô thị</translation>
    </message>
    <message>
        <source>Wanted</source>
        <translation>Truy nã</translation>
    </message>
    <message>
        <source>Stolen</source>
        <translation>Bị trộm cắp</translation>
    </message>
    <message>
        <source>Hit and run</source>
        <translation>Gây tai nạn rồi bỏ chạy</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Khác</translation>
    </message>
    <message>
        <source>Red light</source>
        <translation>Vượt đèn đỏ</translation>
    </message>
    <message>
        <source>Wrong way</source>
        <translation>Đi ngược chiều</translation>
    </message>
    <message>
        <source>Speeding</source>
        <translation>Chạy quá tốc độ</translation>
    </message>
    <message>
        <source>Stopping on expressway</source>
        <translation>Dừng, đỗ trên cao tốc</translation>
    </message>
    <message>
        <source>Wrong lane</source>
        <translation>Đi sai làn đường</translation>
    </message>
    <message>
        <source>No helmet</source>
        <translation>Không đội mũ bảo hiểm</translation>
    </message>
    <message>
        <source>Crowd</source>
        <translation>Tụ tập đông người</translation>
    </message>
    <message>
        <source>white</source>
        <translation>trắng</translation>
    </message>
    <message>
        <source>yellow</source>
        <translation>vàng</translation>
    </message>
    <message>
        <source>blue</source>
        <translation>xanh</translation>
    </message>
    <message>
        <source>red</source>
        <translation>đỏ</translation>
    </message>
    <message>
        <source>Crash</source>
        <translation>Tai nạn giao thông</translation>
    </message>
    <message>
        <source>Stopped vehicle</source>
        <translation>Xe dừng đỗ trái phép</translation>
    </message>
    <message>
        <source>Wanted vehicle</source>
        <translation>Phương tiện bị truy tìm</translation>
    </message>
    <message>
        <source>Road hazard</source>
        <translation>Chướng ngại vật trên đường</translation>
    </message>
    <message>
        <source>Hotlist plate seen</source>
        <translation>Phát hiện xe truy tìm</translation>
    </message>
    <message>
        <source>Behaviour</source>
        <translation>Hành vi</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Hệ thống</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>Console locked</source>
        <translation>Màn hình đã khóa</translation>
    </message>
    <message>
        <source>The console was locked after a period without activity.</source>
        <translation>Màn hình đã tự khóa vì không có thao tác trong một khoảng thời gian.</translation>
    </message>
    <message>
        <source>Password for %1</source>
        <translation>Mật khẩu của %1</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Mở khóa</translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation>Sai mật khẩu.</translation>
    </message>
</context>
<context>
    <name>Login</name>
    <message>
        <source>Too many failed attempts. Try again in %1 min.</source>
        <translation>Đăng nhập sai quá nhiều lần. Hãy thử lại sau %1 phút.</translation>
    </message>
    <message>
        <source>This account is disabled. Ask an administrator.</source>
        <translation>Tài khoản này đã bị khóa. Hãy liên hệ quản trị viên.</translation>
    </message>
    <message>
        <source>Wrong username or password.</source>
        <translation>Sai tên đăng nhập hoặc mật khẩu.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>CSGT command console — sign in</source>
        <translation>Hệ thống chỉ huy CSGT — đăng nhập</translation>
    </message>
    <message>
        <source>Traffic Police Command Console</source>
        <translation>Hệ thống chỉ huy điều hành Cảnh sát giao thông</translation>
    </message>
    <message>
        <source>&amp;Username</source>
        <translation>&amp;Tên đăng nhập</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Mật khẩu</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Thoát</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>CSGT command console — %1</source>
        <translation>Hệ thống chỉ huy CSGT — %1</translation>
    </message>
</context>
<context>
    <name>MapPage</name>
    <message>
        <source>Call sign</source>
        <translation>Hô hiệu</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Tổ công tác</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Last fix</source>
        <translation>Định vị lần cuối</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Vị trí</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Tốc độ</translation>
    </message>
    <message>
        <source>Search team, station or state…</source>
        <translation>Tìm tổ công tác, đơn vị hoặc trạng thái…</translation>
    </message>
    <message>
        <source>No patrol teams are registered.</source>
        <translation>Chưa có tổ tuần tra nào được đăng ký.</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Bản đồ</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>đã cũ</translation>
    </message>
</context>
<context>
    <name>PatrolPage</name>
    <message>
        <source>Team</source>
        <translation>Tổ công tác</translation>
    </message>
    <message>
        <source>Shift start</source>
        <translation>Bắt đầu ca</translation>
    </message>
    <message>
        <source>Shift end</source>
        <translation>Kết thúc ca</translation>
    </message>
    <message>
        <source>Route / area</source>
        <translation>Tuyến / địa bàn</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Lần sửa</translation>
    </message>
    <message>
        <source>Search team, route or state…</source>
        <translation>Tìm tổ công tác, tuyến hoặc trạng thái…</translation>
    </message>
    <message>
        <source>No patrol logs recorded.</source>
        <translation>Chưa có nhật ký tuần tra nào.</translation>
    </message>
    <message>
        <source>Patrol logs</source>
        <translation>Nhật ký tuần tra</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Detected</source>
        <translation>Thời điểm phát hiện</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Violation</source>
        <translation>Vi phạm</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>Biển số</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Search camera, violation or plate…</source>
        <translation>Tìm camera, vi phạm hoặc biển số…</translation>
    </message>
    <message>
        <source>No violation candidates are waiting for review.</source>
        <translation>Không có vi phạm nào đang chờ xét duyệt.</translation>
    </message>
    <message>
        <source>Review (camera fines)</source>
        <translation>Xét duyệt phạt nguội</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>The configuration is not valid</source>
        <translation>Cấu hình không hợp lệ</translation>
    </message>
    <message>
        <source>The database cannot be used</source>
        <translation>Không sử dụng được cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>Demo mode: sign in as %1 with password %2.</source>
        <translation>Chế độ trình diễn: đăng nhập bằng %1 với mật khẩu %2.</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>Lỗi không lường trước</translation>
    </message>
</context>
<context>
    <name>TablePage</name>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n bản ghi</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WallPage</name>
    <message>
        <source>Search camera by name, route or km…</source>
        <translation>Tìm camera theo tên, tuyến hoặc km…</translation>
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
        <translation>Quy tắc</translation>
    </message>
    <message>
        <source>Camera details</source>
        <translation>Thông tin camera</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Route / km</source>
        <translation>Tuyến / km</translation>
    </message>
    <message>
        <source>Direction of travel</source>
        <translation>Hướng di chuyển</translation>
    </message>
    <message>
        <source>Coordinates</source>
        <translation>Tọa độ</translation>
    </message>
    <message>
        <source>Speed limit</source>
        <translation>Tốc độ tối đa</translation>
    </message>
    <message>
        <source>Main stream</source>
        <translation>Luồng chính</translation>
    </message>
    <message>
        <source>Sub-stream</source>
        <translation>Luồng phụ</translation>
    </message>
    <message>
        <source>Behaviour rules</source>
        <translation>Quy tắc phát hiện vi phạm</translation>
    </message>
    <message>
        <source>Video wall</source>
        <translation>Giám sát video</translation>
    </message>
    <message>
        <source>%1 cameras on %2 routes</source>
        <translation>%1 camera trên %2 tuyến</translation>
    </message>
</context>
</TS>
