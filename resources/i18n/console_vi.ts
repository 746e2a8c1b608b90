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
        <source>Audit chain intact: %1 entries checked, signed with the audit key from entry #%2.</source>
        <translation>Chuỗi nhật ký toàn vẹn: đã kiểm tra %1 mục, được ký bằng khóa nhật ký từ mục #%2.</translation>
    </message>
    <message>
        <source>Audit chain intact: %1 entries checked. Not signed with an audit key: someone with database rights could rewrite it undetected (csgt-console audit keygen).</source>
        <translation>Chuỗi nhật ký toàn vẹn: đã kiểm tra %1 mục. Chưa được ký bằng khóa nhật ký: người có quyền trên cơ sở dữ liệu có thể viết lại mà không bị phát hiện (csgt-console audit keygen).</translation>
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
        <source>Create &amp;incident from alert</source>
        <translation>Tạo &amp;sự vụ từ cảnh báo</translation>
    </message>
    <message>
        <source>&amp;Trace plate on map</source>
        <translation>&amp;Truy vết biển số trên bản đồ</translation>
    </message>
    <message>
        <source>Where and when this plate was seen, on the map (Ctrl+T)</source>
        <translation>Biển số này được camera ghi nhận ở đâu, khi nào — trên bản đồ (Ctrl+T)</translation>
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
    <name>DispatchPanel</name>
    <message>
        <source>Team</source>
        <translation>Tổ công tác</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Khoảng cách</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>Dự kiến đến</translation>
    </message>
    <message>
        <source>Dispatch selected team</source>
        <translation>Điều động tổ đã chọn</translation>
    </message>
    <message>
        <source>On scene</source>
        <translation>Tại hiện trường</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Giải quyết xong</translation>
    </message>
    <message>
        <source>Cancel incident</source>
        <translation>Hủy sự vụ</translation>
    </message>
    <message>
        <source>Close panel</source>
        <translation>Đóng bảng</translation>
    </message>
    <message>
        <source>Suggested teams (available only; nearest first)</source>
        <translation>Tổ công tác đề xuất (chỉ tổ sẵn sàng; gần nhất xếp trước)</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Diễn biến</translation>
    </message>
    <message>
        <source>Incident #%1</source>
        <translation>Sự vụ #%1</translation>
    </message>
    <message>
        <source>Teams: %1</source>
        <translation>Tổ công tác: %1</translation>
    </message>
    <message>
        <source>stale fix</source>
        <translation>vị trí đã cũ</translation>
    </message>
</context>
<context>
    <name>DrivingTimePage</name>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>Lái xe</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Số GPLX</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>Biển số</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Đơn vị vận tải</translation>
    </message>
    <message>
        <source>Continuous</source>
        <translation>Liên tục</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Trong ngày</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Trong tuần</translation>
    </message>
    <message>
        <source>Last fix</source>
        <translation>Vị trí cuối</translation>
    </message>
    <message>
        <source>Search driver, plate or company…</source>
        <translation>Tìm lái xe, biển số hoặc đơn vị…</translation>
    </message>
    <message>
        <source>No driver is near a driving-time limit.</source>
        <translation>Không có lái xe nào gần ngưỡng thời gian lái xe.</translation>
    </message>
    <message>
        <source>Limits (%1): %2 h continuous, %3 h a day, %4 h a week; a stop of %5 min or more is rest.</source>
        <translation>Giới hạn (%1): liên tục %2 giờ, %3 giờ/ngày, %4 giờ/tuần; dừng đỗ từ %5 phút trở lên là nghỉ.</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>24 giờ qua</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 ngày qua</translation>
    </message>
    <message>
        <source>Driving time</source>
        <translation>Thời gian lái xe</translation>
    </message>
    <message>
        <source>Over limit</source>
        <translation>Vượt giới hạn</translation>
    </message>
    <message>
        <source>Near limit</source>
        <translation>Sắp vượt</translation>
    </message>
</context>
<context>
    <name>DrivingTimeline</name>
    <message>
        <source>Driving</source>
        <translation>Lái xe</translation>
    </message>
    <message>
        <source>Rest</source>
        <translation>Nghỉ</translation>
    </message>
</context>
<context>
    <name>EntryForm</name>
    <message>
        <source>Place / km</source>
        <translation>Địa điểm / km</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>Biển số</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Add entry</source>
        <translation>Thêm mục</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Loại xe</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Violation</source>
        <translation>Vi phạm</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Địa điểm</translation>
    </message>
    <message>
        <source>Tested</source>
        <translation>Số lượt đo</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Nồng độ đo</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Sự vụ</translation>
    </message>
    <message>
        <source>not a valid plate</source>
        <translation>biển số không hợp lệ</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Your role does not allow this action.</source>
        <translation>Vai trò của bạn không được phép thực hiện thao tác này.</translation>
    </message>
    <message>
        <source>The connection to the database was lost while saving: the change may have been saved. Check before doing it again.</source>
        <translation>Mất kết nối với cơ sở dữ liệu trong lúc lưu: thay đổi có thể đã được lưu. Hãy kiểm tra trước khi làm lại.</translation>
    </message>
    <message>
        <source>The database cannot be reached, so nothing was saved. Try again when the status bar shows the database OK.</source>
        <translation>Không kết nối được cơ sở dữ liệu nên chưa có gì được lưu. Hãy thử lại khi thanh trạng thái báo CSDL bình thường.</translation>
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
    <name>EvidenceViewer</name>
    <message>
        <source>No candidate open. Press N to take the next one from the queue.</source>
        <translation>Chưa mở trường hợp nào. Nhấn N để nhận trường hợp tiếp theo trong hàng đợi.</translation>
    </message>
    <message>
        <source>The evidence frame is missing from the evidence store.</source>
        <translation>Không tìm thấy ảnh chứng cứ trong kho chứng cứ.</translation>
    </message>
    <message>
        <source>No plate crop</source>
        <translation>Không có ảnh biển số</translation>
    </message>
</context>
<context>
    <name>IncidentForm</name>
    <message>
        <source>New incident</source>
        <translation>Sự vụ mới</translation>
    </message>
    <message>
        <source>1 – urgent</source>
        <translation>1 – khẩn cấp</translation>
    </message>
    <message>
        <source>2 – high</source>
        <translation>2 – cao</translation>
    </message>
    <message>
        <source>3 – normal</source>
        <translation>3 – bình thường</translation>
    </message>
    <message>
        <source>Km, road, direction or address</source>
        <translation>Km, tuyến đường, hướng hoặc địa chỉ</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Mức ưu tiên</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Vĩ độ</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Kinh độ</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Địa điểm</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Mô tả</translation>
    </message>
    <message>
        <source>Create incident</source>
        <translation>Tạo sự vụ</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
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
        <source>New incident…</source>
        <translation>Sự vụ mới…</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>Sự vụ</translation>
    </message>
    <message>
        <source>%1 incident(s), %2 open</source>
        <translation>%1 sự vụ, %2 đang mở</translation>
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
        <source>Driving time</source>
        <translation>Thời gian lái xe</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Hệ thống</translation>
    </message>
    <message>
        <source>Citizen help request</source>
        <translation>Người dân cần trợ giúp</translation>
    </message>
    <message>
        <source>Wrong way on expressway</source>
        <translation>Đi ngược chiều trên cao tốc</translation>
    </message>
    <message>
        <source>Speeding 5–10 km/h</source>
        <translation>Chạy quá tốc độ 5–10 km/h</translation>
    </message>
    <message>
        <source>Speeding 10–20 km/h</source>
        <translation>Chạy quá tốc độ 10–20 km/h</translation>
    </message>
    <message>
        <source>Speeding 20–35 km/h</source>
        <translation>Chạy quá tốc độ 20–35 km/h</translation>
    </message>
    <message>
        <source>Speeding over 35 km/h</source>
        <translation>Chạy quá tốc độ trên 35 km/h</translation>
    </message>
    <message>
        <source>Phone while driving</source>
        <translation>Dùng điện thoại khi lái xe</translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <translation>Chờ phê duyệt</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>Đã chốt</translation>
    </message>
    <message>
        <source>Notice sent</source>
        <translation>Đã gửi thông báo</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Đã công khai</translation>
    </message>
    <message>
        <source>Unreadable plate</source>
        <translation>Không đọc được biển số</translation>
    </message>
    <message>
        <source>Emergency vehicle</source>
        <translation>Xe ưu tiên</translation>
    </message>
    <message>
        <source>Detection error</source>
        <translation>Nhận dạng sai</translation>
    </message>
    <message>
        <source>Speed (km/h)</source>
        <translation>Tốc độ (km/h)</translation>
    </message>
    <message>
        <source>Limit (km/h)</source>
        <translation>Tốc độ tối đa (km/h)</translation>
    </message>
    <message>
        <source>Stopped (s)</source>
        <translation>Thời gian dừng (giây)</translation>
    </message>
    <message>
        <source>Red for (s)</source>
        <translation>Đèn đỏ đã bật (giây)</translation>
    </message>
    <message>
        <source>Signal</source>
        <translation>Đèn tín hiệu</translation>
    </message>
    <message>
        <source>Car</source>
        <translation>Ô tô</translation>
    </message>
    <message>
        <source>Motorbike</source>
        <translation>Xe máy</translation>
    </message>
    <message>
        <source>Bus</source>
        <translation>Xe khách</translation>
    </message>
    <message>
        <source>Truck</source>
        <translation>Xe tải</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>Chốt kiểm soát</translation>
    </message>
    <message>
        <source>Vehicle check</source>
        <translation>Kiểm tra phương tiện</translation>
    </message>
    <message>
        <source>Alcohol test</source>
        <translation>Kiểm tra nồng độ cồn</translation>
    </message>
    <message>
        <source>Incident attended</source>
        <translation>Xử lý sự vụ</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>No violation</source>
        <translation>Không vi phạm</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Nhắc nhở</translation>
    </message>
    <message>
        <source>Violation</source>
        <translation>Vi phạm</translation>
    </message>
    <message>
        <source>Vehicle held</source>
        <translation>Tạm giữ phương tiện</translation>
    </message>
    <message>
        <source>Station entry</source>
        <translation>Nhập tại đơn vị</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Nhập từ tệp</translation>
    </message>
    <message>
        <source>Patrol check</source>
        <translation>Tuần tra kiểm soát</translation>
    </message>
    <message>
        <source>Camera read</source>
        <translation>Camera ghi nhận</translation>
    </message>
    <message>
        <source>Fine</source>
        <translation>Phạt nguội</translation>
    </message>
    <message>
        <source>Congestion</source>
        <translation>Ùn tắc giao thông</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Bản đồ</translation>
    </message>
    <message>
        <source>By hand</source>
        <translation>Nhập thủ công</translation>
    </message>
    <message>
        <source>Citizen report</source>
        <translation>Người dân báo tin</translation>
    </message>
    <message>
        <source>Order sent</source>
        <translation>Đã gửi lệnh</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>Đã đến nơi</translation>
    </message>
    <message>
        <source>Cleared</source>
        <translation>Đã hoàn thành</translation>
    </message>
    <message>
        <source>malformed</source>
        <translation>sai định dạng</translation>
    </message>
    <message>
        <source>not a location</source>
        <translation>không phải dữ liệu vị trí</translation>
    </message>
    <message>
        <source>bad topic</source>
        <translation>sai topic MQTT</translation>
    </message>
    <message>
        <source>missing field</source>
        <translation>thiếu trường dữ liệu</translation>
    </message>
    <message>
        <source>out of range</source>
        <translation>ngoài phạm vi</translation>
    </message>
    <message>
        <source>time in the future</source>
        <translation>thời gian ở tương lai</translation>
    </message>
    <message>
        <source>too old</source>
        <translation>quá cũ</translation>
    </message>
    <message>
        <source>out of order</source>
        <translation>sai thứ tự</translation>
    </message>
    <message>
        <source>unknown team</source>
        <translation>tổ không xác định</translation>
    </message>
    <message>
        <source>reported by the team</source>
        <translation>do tổ công tác báo</translation>
    </message>
</context>
<context>
    <name>LiveDetection</name>
    <message>
        <source>vehicle detector not available</source>
        <translation>bộ phát hiện phương tiện không khả dụng</translation>
    </message>
    <message>
        <source>Detection is off: %1</source>
        <translation>Phát hiện phương tiện đang tắt: %1</translation>
    </message>
    <message>
        <source>Plate reading is off: %1</source>
        <translation>Nhận dạng biển số đang tắt: %1</translation>
    </message>
    <message>
        <source>Rule skipped: %1</source>
        <translation>Bỏ qua quy tắc: %1</translation>
    </message>
    <message>
        <source>%1: own vehicle detector not used, default instead: %2</source>
        <translation>%1: không dùng được bộ nhận dạng xe riêng, dùng bộ mặc định: %2</translation>
    </message>
    <message>
        <source>New hotlist alert: %1 (see Alerts)</source>
        <translation>Cảnh báo xe truy tìm mới: %1 (xem mục Cảnh báo)</translation>
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
    <message>
        <source>%1 (%2 new)</source>
        <translation>%1 (%2 mới)</translation>
    </message>
</context>
<context>
    <name>MapPage</name>
    <message>
        <source>Team</source>
        <translation>Tổ công tác</translation>
    </message>
    <message>
        <source>Cameras</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Patrol teams</source>
        <translation>Tổ tuần tra</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>Sự vụ</translation>
    </message>
    <message>
        <source>Trails</source>
        <translation>Vết di chuyển</translation>
    </message>
    <message>
        <source>Routes</source>
        <translation>Tuyến đường</translation>
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
        <source>Search team or state…</source>
        <translation>Tìm tổ công tác hoặc trạng thái…</translation>
    </message>
    <message>
        <source>Station tiles</source>
        <translation>Bản đồ nền của đơn vị</translation>
    </message>
    <message>
        <source>Offline map</source>
        <translation>Bản đồ ngoại tuyến</translation>
    </message>
    <message>
        <source>GPS feed: not running (positions from the database)</source>
        <translation>Luồng GPS: không chạy (vị trí lấy từ CSDL)</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>đã kết nối</translation>
    </message>
    <message>
        <source>reconnecting…</source>
        <translation>đang kết nối lại…</translation>
    </message>
    <message>
        <source>in process</source>
        <translation>chạy nội bộ</translation>
    </message>
    <message>
        <source>no positions</source>
        <translation>không có vị trí</translation>
    </message>
    <message>
        <source>GPS feed %1 (%2)</source>
        <translation>Luồng GPS %1 (%2)</translation>
    </message>
    <message>
        <source>%1 msg/s · accepted %2 · last message %3</source>
        <translation>%1 tin/giây · đã nhận %2 · tin cuối %3</translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation>Bị loại: %1</translation>
    </message>
    <message>
        <source>%1, last hour</source>
        <translation>%1, 1 giờ qua</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Tốc độ</translation>
    </message>
    <message>
        <source>No patrol teams are registered.</source>
        <translation>Chưa có tổ tuần tra nào được đăng ký.</translation>
    </message>
    <message>
        <source>Set team state</source>
        <translation>Đặt trạng thái tổ</translation>
    </message>
    <message>
        <source>New incident here…</source>
        <translation>Tạo sự vụ tại đây…</translation>
    </message>
    <message>
        <source>Or click the map where it happened</source>
        <translation>Hoặc nhấp vào nơi xảy ra trên bản đồ</translation>
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
    <name>NewLogDialog</name>
    <message>
        <source>New patrol log</source>
        <translation>Nhật ký tuần tra mới</translation>
    </message>
    <message>
        <source>Shift still running (no end yet)</source>
        <translation>Ca trực chưa kết thúc</translation>
    </message>
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
        <source>Plan reference</source>
        <translation>Số kế hoạch</translation>
    </message>
    <message>
        <source>Route / area</source>
        <translation>Tuyến / địa bàn</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>Phương tiện</translation>
    </message>
</context>
<context>
    <name>PatrolDetail</name>
    <message>
        <source>The shift has no end time.</source>
        <translation>Ca trực chưa có giờ kết thúc.</translation>
    </message>
    <message>
        <source>Entry at %1 is outside the shift.</source>
        <translation>Mục lúc %1 nằm ngoài ca trực.</translation>
    </message>
    <message>
        <source>Entry at %1 is %2 km from anywhere the unit's GPS went.</source>
        <translation>Mục lúc %1 cách mọi điểm trên hành trình GPS của tổ %2 km.</translation>
    </message>
    <message>
        <source>Entries have places, but the unit sent no GPS fix during the shift.</source>
        <translation>Các mục có ghi địa điểm nhưng tổ không gửi vị trí GPS nào trong ca trực.</translation>
    </message>
    <message>
        <source>Entry at %1: vehicle held without a violation.</source>
        <translation>Mục lúc %1: tạm giữ phương tiện nhưng không ghi vi phạm.</translation>
    </message>
    <message>
        <source>Entry at %1: incident without a dispatch record for this unit.</source>
        <translation>Mục lúc %1: sự vụ không có lệnh điều động cho tổ này.</translation>
    </message>
    <message>
        <source>No GPS fix for %1 min from %2.</source>
        <translation>Không có vị trí GPS trong %1 phút kể từ %2.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Địa điểm</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>Biển số</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Violation</source>
        <translation>Vi phạm</translation>
    </message>
    <message>
        <source>Alcohol</source>
        <translation>Nồng độ cồn</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Search the timeline…</source>
        <translation>Tìm trong diễn biến…</translation>
    </message>
    <message>
        <source>No entries yet.</source>
        <translation>Chưa có mục nào.</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>Trình duyệt</translation>
    </message>
    <message>
        <source>Return with comment…</source>
        <translation>Trả lại kèm ý kiến…</translation>
    </message>
    <message>
        <source>Sign off</source>
        <translation>Ký duyệt</translation>
    </message>
    <message>
        <source>Correct (new revision)</source>
        <translation>Sửa (tạo bản sửa mới)</translation>
    </message>
    <message>
        <source>Remove selected entry</source>
        <translation>Xóa mục đã chọn</translation>
    </message>
    <message>
        <source>Checks before sign-off</source>
        <translation>Kiểm tra trước khi ký duyệt</translation>
    </message>
    <message>
        <source>Return the log</source>
        <translation>Trả lại nhật ký</translation>
    </message>
    <message>
        <source>What must the team correct?</source>
        <translation>Tổ công tác cần sửa những gì?</translation>
    </message>
    <message>
        <source>Choose a log on the left.</source>
        <translation>Chọn một nhật ký ở bên trái.</translation>
    </message>
    <message>
        <source>GPS: %1 km driven, %2 h moving, %3 h stopped, %4 fixes, %5 gap(s).</source>
        <translation>GPS: đã đi %1 km, di chuyển %2 giờ, dừng %3 giờ, %4 điểm định vị, %5 lần mất tín hiệu.</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>Không phát hiện vấn đề nào.</translation>
    </message>
    <message>
        <source>%1 tested</source>
        <translation>%1 lượt đo</translation>
    </message>
    <message>
        <source>replaced by log #%1</source>
        <translation>đã được thay bằng nhật ký #%1</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Ca trực</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Kế hoạch</translation>
    </message>
    <message>
        <source>Route / area</source>
        <translation>Tuyến / địa bàn</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>Phương tiện</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Thành viên</translation>
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
        <source>Signed off by</source>
        <translation>Ký duyệt bởi</translation>
    </message>
    <message>
        <source>Review comment</source>
        <translation>Ý kiến xét duyệt</translation>
    </message>
</context>
<context>
    <name>PatrolPage</name>
    <message>
        <source>Logs and review</source>
        <translation>Nhật ký và xét duyệt</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <source>Vehicle lookup</source>
        <translation>Tra cứu phương tiện</translation>
    </message>
    <message>
        <source>Review queue (submitted)</source>
        <translation>Chờ xét duyệt (đã trình)</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Mọi trạng thái</translation>
    </message>
    <message>
        <source>Show replaced revisions</source>
        <translation>Hiện các bản đã bị thay thế</translation>
    </message>
    <message>
        <source>Import JSON…</source>
        <translation>Nhập JSON…</translation>
    </message>
    <message>
        <source>New log…</source>
        <translation>Nhật ký mới…</translation>
    </message>
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
        <source>Entries</source>
        <translation>Số mục</translation>
    </message>
    <message>
        <source>Search team, route or state…</source>
        <translation>Tìm tổ công tác, tuyến hoặc trạng thái…</translation>
    </message>
    <message>
        <source>No patrol logs in this state.</source>
        <translation>Không có nhật ký tuần tra nào ở trạng thái này.</translation>
    </message>
    <message numerus="yes">
        <source>%n log(s)</source>
        <translation>
            <numerusform>%n nhật ký</numerusform>
        </translation>
    </message>
    <message>
        <source>Sign off</source>
        <translation>Ký duyệt</translation>
    </message>
    <message numerus="yes">
        <source>This log has %n finding(s) listed under the checks. Sign it off anyway?</source>
        <translation>
            <numerusform>Nhật ký này có %n vấn đề được nêu ở phần kiểm tra. Vẫn ký duyệt?</numerusform>
        </translation>
    </message>
    <message>
        <source>Import patrol logs</source>
        <translation>Nhập nhật ký tuần tra</translation>
    </message>
    <message>
        <source>Patrol logs (*.json)</source>
        <translation>Nhật ký tuần tra (*.json)</translation>
    </message>
    <message>
        <source>%1: rejected, nothing imported — %2</source>
        <translation>%1: bị từ chối, không nhập gì — %2</translation>
    </message>
    <message>
        <source>%1: imported as log #%2</source>
        <translation>%1: đã nhập thành nhật ký #%2</translation>
    </message>
    <message>
        <source>%1: already imported as log #%2</source>
        <translation>%1: đã nhập trước đó (nhật ký #%2)</translation>
    </message>
    <message>
        <source>Teams (call signs, comma-separated; empty: all)</source>
        <translation>Tổ công tác (hô hiệu, cách nhau bằng dấu phẩy; để trống: tất cả)</translation>
    </message>
    <message>
        <source>Route contains…</source>
        <translation>Tuyến có chứa…</translation>
    </message>
    <message>
        <source>Signed-off logs only</source>
        <translation>Chỉ nhật ký đã ký duyệt</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Xem</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Xuất CSV…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Xuất PDF…</translation>
    </message>
    <message>
        <source>Filter teams…</source>
        <translation>Lọc tổ công tác…</translation>
    </message>
    <message>
        <source>No shifts in this period.</source>
        <translation>Không có ca trực nào trong khoảng thời gian này.</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ</translation>
    </message>
    <message>
        <source>to</source>
        <translation>đến</translation>
    </message>
    <message>
        <source>Shifts</source>
        <translation>Số ca</translation>
    </message>
    <message>
        <source>Km (GPS)</source>
        <translation>Km (GPS)</translation>
    </message>
    <message>
        <source>Vehicles checked</source>
        <translation>Phương tiện đã kiểm tra</translation>
    </message>
    <message>
        <source>Violations</source>
        <translation>Vi phạm</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Tạm giữ</translation>
    </message>
    <message>
        <source>Alcohol tests</source>
        <translation>Lượt đo nồng độ cồn</translation>
    </message>
    <message>
        <source>Positive</source>
        <translation>Có nồng độ cồn</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>Sự vụ</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Tổng cộng</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Xuất CSV</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>Xuất PDF</translation>
    </message>
    <message>
        <source>Patrol shift report</source>
        <translation>Báo cáo ca tuần tra</translation>
    </message>
    <message>
        <source>Patrol logs</source>
        <translation>Nhật ký tuần tra</translation>
    </message>
</context>
<context>
    <name>PatrolReportPdf</name>
    <message>
        <source>Km from the units' stored GPS fixes; latest revision of each log.</source>
        <translation>Số km tính từ các vị trí GPS đã lưu của các tổ; lấy bản sửa mới nhất của mỗi nhật ký.</translation>
    </message>
</context>
<context>
    <name>PlateLookup</name>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n sự kiện</numerusform>
        </translation>
    </message>
    <message>
        <source>Type at least 3 letters or digits of the plate.</source>
        <translation>Nhập ít nhất 3 chữ cái hoặc chữ số của biển số.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
</context>
<context>
    <name>PlateLookupPanel</name>
    <message>
        <source>Plate or part of it, e.g. 30A-123.45, 12345, 30A*45</source>
        <translation>Biển số hoặc một phần, ví dụ 30A-123.45, 12345, 30A*45</translation>
    </message>
    <message>
        <source>Look up</source>
        <translation>Tra cứu</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Nguồn</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>Biển số</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Địa điểm</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <source>Filter these results…</source>
        <translation>Lọc các kết quả này…</translation>
    </message>
    <message>
        <source>Type a plate and press Enter: patrol checks, camera reads and fines appear here.</source>
        <translation>Nhập biển số rồi nhấn Enter: kết quả tuần tra kiểm soát, ghi nhận của camera và phạt nguội sẽ hiện ở đây.</translation>
    </message>
</context>
<context>
    <name>ReportCharts</name>
    <message>
        <source>Km patrolled (GPS) per team</source>
        <translation>Km tuần tra (GPS) theo tổ</translation>
    </message>
    <message>
        <source>Vehicles checked and violations per team</source>
        <translation>Phương tiện đã kiểm tra và vi phạm theo tổ</translation>
    </message>
    <message>
        <source>Violations by rule</source>
        <translation>Vi phạm theo loại</translation>
    </message>
    <message>
        <source>Km patrolled per day</source>
        <translation>Km tuần tra theo ngày</translation>
    </message>
    <message>
        <source>checked</source>
        <translation>đã kiểm tra</translation>
    </message>
    <message>
        <source>violations</source>
        <translation>vi phạm</translation>
    </message>
</context>
<context>
    <name>ReviewFines</name>
    <message numerus="yes">
        <source>%n fine(s) listed.</source>
        <translation>
            <numerusform>%n khoản phạt.</numerusform>
        </translation>
    </message>
    <message>
        <source>million VND</source>
        <translation>triệu đồng</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>Thời điểm phát hiện</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>Biển số</translation>
    </message>
    <message>
        <source>Violation</source>
        <translation>Vi phạm</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Số tiền</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Điểm trừ</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Chủ xe</translation>
    </message>
    <message>
        <source>Confirmed by</source>
        <translation>Người xác nhận</translation>
    </message>
    <message>
        <source>Search plate or violation…</source>
        <translation>Tìm biển số hoặc vi phạm…</translation>
    </message>
    <message>
        <source>No fine is waiting for approval.</source>
        <translation>Không có khoản phạt nào chờ phê duyệt.</translation>
    </message>
    <message>
        <source>Approve (A)</source>
        <translation>Phê duyệt (A)</translation>
    </message>
    <message>
        <source>Refuse…</source>
        <translation>Không duyệt…</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>chưa rõ</translation>
    </message>
    <message>
        <source>Refuse the fine</source>
        <translation>Không duyệt khoản phạt</translation>
    </message>
    <message>
        <source>Why is the fine refused?</source>
        <translation>Lý do không duyệt khoản phạt?</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Số ngày</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Publish from</source>
        <translation>Công khai từ</translation>
    </message>
    <message>
        <source>Search plate, violation or owner…</source>
        <translation>Tìm biển số, vi phạm hoặc chủ xe…</translation>
    </message>
    <message>
        <source>No open fines.</source>
        <translation>Không có khoản phạt nào đang mở.</translation>
    </message>
    <message>
        <source>Notice PDF</source>
        <translation>Thông báo (PDF)</translation>
    </message>
    <message>
        <source>Notices for all final fines</source>
        <translation>Thông báo cho mọi khoản phạt đã chốt</translation>
    </message>
    <message>
        <source>Mark resolved</source>
        <translation>Đánh dấu đã giải quyết</translation>
    </message>
    <message>
        <source>Export publication list…</source>
        <translation>Xuất danh sách công khai…</translation>
    </message>
    <message>
        <source>Import registrations…</source>
        <translation>Nhập dữ liệu đăng ký xe…</translation>
    </message>
    <message>
        <source>unknown — follow up</source>
        <translation>chưa rõ — cần xác minh</translation>
    </message>
    <message>
        <source>Export publication list</source>
        <translation>Xuất danh sách công khai</translation>
    </message>
    <message>
        <source>CSV (*.csv);;JSON (*.json)</source>
        <translation>CSV (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>Đã xuất</translation>
    </message>
    <message>
        <source>Import registrations</source>
        <translation>Nhập dữ liệu đăng ký xe</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Nothing was imported</source>
        <translation>Không có dữ liệu nào được nhập</translation>
    </message>
    <message>
        <source>%1 added, %2 updated.</source>
        <translation>Thêm mới %1, cập nhật %2.</translation>
    </message>
    <message>
        <source>Registrations imported</source>
        <translation>Đã nhập dữ liệu đăng ký xe</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Cán bộ</translation>
    </message>
    <message>
        <source>Shift from</source>
        <translation>Ca trực từ</translation>
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
        <source>Duplicates</source>
        <translation>Trùng lặp</translation>
    </message>
    <message>
        <source>Search operator…</source>
        <translation>Tìm cán bộ…</translation>
    </message>
    <message>
        <source>No decisions in the last 7 days.</source>
        <translation>Không có quyết định nào trong 7 ngày qua.</translation>
    </message>
    <message>
        <source>Confirmed / rejected per rule (7 days)</source>
        <translation>Xác nhận / bác bỏ theo loại vi phạm (7 ngày)</translation>
    </message>
    <message>
        <source>Confirmed share per camera: </source>
        <translation>Tỷ lệ xác nhận theo camera: </translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Queue</source>
        <translation>Hàng đợi</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>Phê duyệt</translation>
    </message>
    <message>
        <source>Fines and notices</source>
        <translation>Phạt và thông báo</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Thống kê</translation>
    </message>
    <message>
        <source>Plate or its start</source>
        <translation>Biển số hoặc phần đầu</translation>
    </message>
    <message>
        <source>All violations</source>
        <translation>Tất cả vi phạm</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Đang chờ</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Mọi trạng thái</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Mọi thời điểm</translation>
    </message>
    <message>
        <source>Last %1</source>
        <translation>%1 gần nhất</translation>
    </message>
    <message>
        <source>All cameras</source>
        <translation>Tất cả camera</translation>
    </message>
    <message>
        <source>All routes</source>
        <translation>Tất cả tuyến</translation>
    </message>
    <message>
        <source>Trace plate on map</source>
        <translation>Truy vết biển số trên bản đồ</translation>
    </message>
    <message>
        <source>Where and when this case's plate was seen, on the map (Ctrl+T)</source>
        <translation>Biển số của vụ việc này được camera ghi nhận ở đâu, khi nào — trên bản đồ (Ctrl+T)</translation>
    </message>
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
        <source>Search this page…</source>
        <translation>Tìm trong trang này…</translation>
    </message>
    <message>
        <source>No violation candidates match the filters.</source>
        <translation>Không có trường hợp vi phạm nào phù hợp bộ lọc.</translation>
    </message>
    <message>
        <source>Load more</source>
        <translation>Tải thêm</translation>
    </message>
    <message>
        <source>Citizen · %1</source>
        <translation>Người dân · %1</translation>
    </message>
    <message>
        <source>Waiting %1 · being reviewed %2 · confirmed %3 · rejected %4 · duplicates %5</source>
        <translation>Chờ %1 · đang xét %2 · đã xác nhận %3 · bác bỏ %4 · trùng lặp %5</translation>
    </message>
    <message>
        <source>The queue is empty under these filters.</source>
        <translation>Hàng đợi trống với bộ lọc này.</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source> (%1 hits in this case)</source>
        <translation> (%1 lần ghi nhận trong hồ sơ này)</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Nguồn</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Số đo</translation>
    </message>
    <message>
        <source>Plate read</source>
        <translation>Biển số nhận dạng</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>Phương tiện</translation>
    </message>
    <message>
        <source>Licence points: %1</source>
        <translation>Trừ điểm GPLX: %1</translation>
    </message>
    <message>
        <source>Owner: %1</source>
        <translation>Chủ xe: %1</translation>
    </message>
    <message>
        <source>unknown — will be flagged for follow-up</source>
        <translation>chưa rõ — sẽ được đánh dấu để xác minh</translation>
    </message>
    <message>
        <source>Camera rule</source>
        <translation>Camera (luật tự động)</translation>
    </message>
    <message>
        <source>Citizen report via %1, at %2, %3 (%4 m from the camera)</source>
        <translation>Người dân phản ánh qua %1, tại %2, %3 (cách camera %4 m)</translation>
    </message>
    <message>
        <source>#%1 confirmed: fine %2</source>
        <translation>#%1 đã xác nhận: phạt %2</translation>
    </message>
    <message>
        <source>; owner unknown, flagged for follow-up</source>
        <translation>; chưa rõ chủ xe, đã đánh dấu để xác minh</translation>
    </message>
    <message>
        <source>#%1 rejected (%2)</source>
        <translation>#%1 đã bác bỏ (%2)</translation>
    </message>
    <message>
        <source>Plate corrected; press C to confirm.</source>
        <translation>Đã sửa biển số; nhấn C để xác nhận.</translation>
    </message>
    <message>
        <source>#%1 skipped</source>
        <translation>#%1 đã bỏ qua</translation>
    </message>
    <message>
        <source>Review (camera fines)</source>
        <translation>Xét duyệt phạt nguội</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <source>Candidate</source>
        <translation>Trường hợp vi phạm</translation>
    </message>
    <message>
        <source>Fine (Decree 168/2024)</source>
        <translation>Mức phạt (Nghị định 168/2024/NĐ-CP)</translation>
    </message>
    <message>
        <source>Plate as written, e.g. 30A-123.45</source>
        <translation>Biển số đúng như trên xe, ví dụ 30A-123.45</translation>
    </message>
    <message>
        <source>Next (N)</source>
        <translation>Tiếp theo (N)</translation>
    </message>
    <message>
        <source>Confirm (C)</source>
        <translation>Xác nhận (C)</translation>
    </message>
    <message>
        <source>Reject (R)</source>
        <translation>Bác bỏ (R)</translation>
    </message>
    <message>
        <source>Correct plate (P)</source>
        <translation>Sửa biển số (P)</translation>
    </message>
    <message>
        <source>Skip (S)</source>
        <translation>Bỏ qua (S)</translation>
    </message>
    <message>
        <source>Press N to claim the oldest waiting candidate.</source>
        <translation>Nhấn N để nhận trường hợp chờ lâu nhất.</translation>
    </message>
    <message>
        <source>Needs a supervisor's approval</source>
        <translation>Cần chỉ huy phê duyệt</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Bác bỏ</translation>
    </message>
    <message>
        <source>Why is this candidate rejected?</source>
        <translation>Lý do bác bỏ trường hợp này?</translation>
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
    <name>TracePanel</name>
    <message>
        <source>Plate trace</source>
        <translation>Truy vết biển số</translation>
    </message>
    <message>
        <source>Plate or pattern: 30A-123.45, 51F*, 30A-12?.??</source>
        <translation>Biển số hoặc mẫu: 30A-123.45, 51F*, 30A-12?.??</translation>
    </message>
    <message>
        <source>last %1 h</source>
        <translation>%1 giờ qua</translation>
    </message>
    <message>
        <source>Trace</source>
        <translation>Truy vết</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Xóa vết</translation>
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
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Tốc độ</translation>
    </message>
    <message>
        <source>Dispatch to intercept…</source>
        <translation>Điều tổ chặn xe…</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Tổ công tác</translation>
    </message>
    <message>
        <source>Km</source>
        <translation>Km</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>Dự kiến đến</translation>
    </message>
    <message>
        <source>Dispatch selected team to intercept</source>
        <translation>Điều tổ đã chọn đi chặn xe</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <source>Type a plate (30A-123.45) or a pattern with * or ? (51F*, 30A-12?.??).</source>
        <translation>Nhập biển số (30A-123.45) hoặc mẫu có * hay ? (51F*, 30A-12?.??).</translation>
    </message>
    <message>
        <source>«%1» is not a Vietnamese plate such as 30A-123.45; for part of a plate use * or ? (30A-123*).</source>
        <translation>«%1» không phải biển số Việt Nam (ví dụ 30A-123.45); tìm theo một phần biển số thì dùng * hoặc ? (30A-123*).</translation>
    </message>
    <message>
        <source>«%1»: a plate pattern has only letters, digits, * and ?.</source>
        <translation>«%1»: mẫu biển số chỉ gồm chữ, số, * và ?.</translation>
    </message>
    <message>
        <source>«%1»: give at least 3 letters or digits of the plate.</source>
        <translation>«%1»: cần ít nhất 3 chữ hoặc số của biển số.</translation>
    </message>
    <message>
        <source>«%1» cannot match any Vietnamese plate (e.g. 30A-12?.?? or 51F*).</source>
        <translation>«%1» không thể khớp biển số Việt Nam nào (ví dụ 30A-12?.?? hoặc 51F*).</translation>
    </message>
    <message>
        <source>No sighting on a route with km markers: the road cannot be inferred.</source>
        <translation>Không có lần ghi nhận nào trên tuyến có lý trình km: không xác định được tuyến đường.</translation>
    </message>
    <message>
        <source>Seen at only one km of %1: the direction of travel is not known yet.</source>
        <translation>Mới ghi nhận tại một điểm km trên %1: chưa xác định được hướng đi.</translation>
    </message>
    <message>
        <source>%1 has fewer than two km markers.</source>
        <translation>%1 có ít hơn hai mốc km.</translation>
    </message>
    <message>
        <source> (more not shown)</source>
        <translation> (còn nữa, chưa hiển thị)</translation>
    </message>
    <message>
        <source>%1: %2 sightings</source>
        <translation>%1: ghi nhận %2 lần</translation>
    </message>
    <message>
        <source>; %1 impossible legs (likely misreads) in grey</source>
        <translation>; %1 chặng không thể đi kịp (có thể đọc nhầm) tô xám</translation>
    </message>
    <message>
        <source>%1 plates match; pick one</source>
        <translation>%1 biển số khớp; chọn một biển</translation>
    </message>
    <message>
        <source>%1 — %2 reads</source>
        <translation>%1 — %2 lần đọc</translation>
    </message>
    <message>
        <source>No camera read this in the chosen time window.</source>
        <translation>Không camera nào đọc được biển này trong khoảng thời gian đã chọn.</translation>
    </message>
    <message>
        <source>%1 (misread?)</source>
        <translation>%1 (đọc nhầm?)</translation>
    </message>
    <message>
        <source>km increasing</source>
        <translation>lý trình tăng</translation>
    </message>
    <message>
        <source>km decreasing</source>
        <translation>lý trình giảm</translation>
    </message>
    <message>
        <source>%1 on %2, %3 (%4), %5</source>
        <translation>%1 trên %2, %3 (%4), %5</translation>
    </message>
    <message>
        <source>Meeting point: %1 km %2</source>
        <translation>Điểm chặn: %1 km %2</translation>
    </message>
    <message>
        <source>, vehicle there in about %1 min</source>
        <translation>, xe tới đó sau khoảng %1 phút</translation>
    </message>
    <message>
        <source>No available team ahead of the vehicle on this road.</source>
        <translation>Không có tổ sẵn sàng nào phía trước xe trên tuyến này.</translation>
    </message>
    <message>
        <source>%1 available teams are behind it (not suggested).</source>
        <translation>%1 tổ sẵn sàng ở phía sau xe (không đề xuất).</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 phút</translation>
    </message>
    <message>
        <source>stale fix</source>
        <translation>vị trí đã cũ</translation>
    </message>
    <message>
        <source>Intercept: %1 km %2</source>
        <translation>Chặn xe: %1 km %2</translation>
    </message>
    <message>
        <source>%1 dispatched to intercept (incident #%2)</source>
        <translation>Đã điều %1 đi chặn xe (sự vụ #%2)</translation>
    </message>
</context>
<context>
    <name>VideoTile</name>
    <message>
        <source>live</source>
        <translation>trực tiếp</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>đang kết nối</translation>
    </message>
    <message>
        <source>reconnecting (attempt %1)</source>
        <translation>đang kết nối lại (lần %1)</translation>
    </message>
    <message>
        <source>error</source>
        <translation>lỗi</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>đã dừng</translation>
    </message>
    <message>
        <source>authentication failed</source>
        <translation>xác thực thất bại</translation>
    </message>
    <message>
        <source>host unreachable</source>
        <translation>không kết nối được máy chủ</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>kết nối bị từ chối</translation>
    </message>
    <message>
        <source>stream not found</source>
        <translation>không tìm thấy luồng</translation>
    </message>
    <message>
        <source>codec not supported</source>
        <translation>không hỗ trợ codec</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>hết thời gian chờ</translation>
    </message>
    <message>
        <source>unknown host</source>
        <translation>không xác định được máy chủ</translation>
    </message>
    <message>
        <source>stream lost</source>
        <translation>mất luồng</translation>
    </message>
    <message>
        <source>picture frozen</source>
        <translation>hình bị đứng</translation>
    </message>
    <message>
        <source>stream ended</source>
        <translation>luồng đã kết thúc</translation>
    </message>
    <message>
        <source>address not valid</source>
        <translation>địa chỉ không hợp lệ</translation>
    </message>
    <message>
        <source>cannot open stream</source>
        <translation>không mở được luồng</translation>
    </message>
    <message>
        <source>not a playable video</source>
        <translation>không phải video phát được</translation>
    </message>
    <message>
        <source>Drag a camera here</source>
        <translation>Kéo camera vào đây</translation>
    </message>
    <message>
        <source>%1 fps</source>
        <translation>%1 fps</translation>
    </message>
    <message>
        <source>dropped %1</source>
        <translation>mất %1 khung hình</translation>
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
        <source>State</source>
        <translation>Trạng thái</translation>
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
        <source>Test connection</source>
        <translation>Kiểm tra kết nối</translation>
    </message>
    <message>
        <source>Tour</source>
        <translation>Xoay vòng</translation>
    </message>
    <message>
        <source>Cycle the selected route's cameras through the focused tile</source>
        <translation>Lần lượt hiển thị các camera của tuyến đã chọn trên ô đang chọn</translation>
    </message>
    <message>
        <source> s</source>
        <translation> giây</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>Chụp ảnh</translation>
    </message>
    <message>
        <source>Video wall</source>
        <translation>Giám sát video</translation>
    </message>
    <message>
        <source>%1 cameras on %2 routes</source>
        <translation>%1 camera trên %2 tuyến</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <source>Live: %1×%2 %3, %4 fps via %5</source>
        <translation>Trực tiếp: %1×%2 %3, %4 fps qua %5</translation>
    </message>
    <message>
        <source>Failed: %1 (via %2)</source>
        <translation>Lỗi: %1 (qua %2)</translation>
    </message>
    <message>
        <source>Select a route or group in the camera list to tour it.</source>
        <translation>Chọn một tuyến hoặc nhóm trong danh sách camera để xoay vòng.</translation>
    </message>
    <message>
        <source>No picture on the selected tile to save.</source>
        <translation>Ô đang chọn không có hình để lưu.</translation>
    </message>
    <message>
        <source>Snapshot saved to evidence (%1…)</source>
        <translation>Đã lưu ảnh chụp vào kho chứng cứ (%1…)</translation>
    </message>
</context>
</TS>
