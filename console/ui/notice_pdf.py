"""The violation notice (form 02 content, Circular 73/2024/TT-BCA art. 24) as a PDF.

Qt's own PDF writer lays out an HTML document with the bundled Be Vietnam Pro font, so Vietnamese
renders the same on every workstation and the text stays extractable (the tests read it back).
The notice is a legal document in Vietnamese whatever the UI language, so its text is not
translated. It lives in the UI layer only because QPdfWriter and QTextDocument are Qt classes.
"""

from __future__ import annotations

import hashlib
import html
import os
from datetime import timedelta, timezone
from pathlib import Path

from PySide6.QtCore import QMarginsF, QUrl
from PySide6.QtGui import QFont, QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from console.i18n import UI_FAMILY, load_fonts
from console.services.fines import NoticeData

VN = timezone(timedelta(hours=7))
CLASS_VI = {"car": "Ô tô", "bus": "Ô tô khách", "truck": "Ô tô tải", "motorbike": "Mô tô, xe gắn máy"}
COLOUR_VI = {"white": "nền trắng, chữ đen", "yellow": "nền vàng, chữ đen", "blue": "nền xanh, chữ trắng",
             "red": "nền đỏ, chữ trắng"}  # fmt: skip
MEASURED_VI = {"speed_kmh": "Tốc độ đo được (km/h)", "limit_kmh": "Tốc độ tối đa cho phép (km/h)",
               "dwell_s": "Thời gian dừng (giây)", "red_for_s": "Đèn đỏ đã bật (giây)", "signal": "Tín hiệu",
               "lane": "Làn đường", "distance_m": "Quãng đường đo (m)",
               "seconds": "Thời gian qua quãng đường đo (giây)"}  # fmt: skip


def vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng"


def notice_html(n: NoticeData) -> str:
    e = html.escape
    when = n.detected_at.astimezone(VN).strftime("%H giờ %M phút %S giây, ngày %d/%m/%Y")
    owner = e(n.owner_name) if n.owner_name else "<i>Chưa xác định được chủ phương tiện (đang xác minh)</i>"
    address = e(n.owner_address or "")
    # Only measurements the notice can name in Vietnamese; engine internals (track ids, lists) stay out.
    measured = "".join(
        f"<tr><td>{e(MEASURED_VI[k])}</td><td>{e(str(v))}</td></tr>" for k, v in n.measured.items() if k in MEASURED_VI
    )
    shas = "".join(
        f"<tr><td>{'Ảnh toàn cảnh' if role == 'frame' else 'Ảnh biển số' if role == 'plate_crop' else e(role)}</td>"
        f"<td style='font-family: JetBrains Mono; font-size: 7pt'>{e(sha)}</td></tr>"
        for role, _path, sha in n.evidence
    )
    points = f"{n.points} điểm" if n.points else "Không"
    return f"""
<html><body style="font-family: '{UI_FAMILY}'; font-size: 9pt">
<table width="100%"><tr>
<td width="45%" align="center"><b>{e(n.detecting_unit.upper())}</b><br/>Số: {n.fine_id:06d}/TB-CSGT</td>
<td width="55%" align="center"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br/><b>Độc lập – Tự do – Hạnh phúc</b></td>
</tr></table>
<p align="center" style="font-size: 13pt"><b>THÔNG BÁO</b><br/>
<b>Về việc phát hiện vi phạm hành chính về trật tự, an toàn giao thông đường bộ
qua phương tiện, thiết bị kỹ thuật nghiệp vụ</b></p>
<p align="center"><i>(Mẫu số 02 – Thông tư 73/2024/TT-BCA, Điều 24)</i></p>
<p>Kính gửi: {owner}<br/>Địa chỉ: {address}</p>
<p>Qua hệ thống giám sát, {e(n.detecting_unit)} phát hiện phương tiện sau vi phạm hành chính:</p>
<table border="1" cellspacing="0" cellpadding="3" width="100%">
<tr><td width="35%">Biển số</td><td><b style="font-size: 14pt">{e(n.plate)}</b></td></tr>
<tr><td>Màu biển số</td><td>{e(COLOUR_VI.get(n.plate_colour, n.plate_colour))}</td></tr>
<tr><td>Loại phương tiện</td><td>{e(CLASS_VI.get(n.vehicle_class, n.vehicle_class))}</td></tr>
<tr><td>Thời gian vi phạm</td><td>{when}</td></tr>
<tr><td>Địa điểm vi phạm</td><td>{e(n.place)}</td></tr>
<tr><td>Hành vi vi phạm</td><td><b>{e(n.violation_vi)}</b></td></tr>
{measured}
<tr><td>Quy định tại</td><td>{e(n.legal_ref)} (Nghị định 168/2024/NĐ-CP)</td></tr>
<tr><td>Mức phạt tiền</td><td><b>Từ {vnd(n.amount_min_vnd)} đến {vnd(n.amount_max_vnd)}</b></td></tr>
<tr><td>Trừ điểm giấy phép lái xe</td><td>{points}</td></tr>
<tr><td>Đơn vị phát hiện</td><td>{e(n.detecting_unit)}</td></tr>
</table>
<p><b>Hình ảnh vi phạm</b></p>
<table cellspacing="4"><tr>
<td><img src="evidence:frame" width="340"/></td><td valign="middle"><img src="evidence:plate_crop" width="180"/></td>
</tr></table>
<p>Mã băm SHA-256 của dữ liệu hình ảnh (để đối chiếu tính toàn vẹn):</p>
<table border="1" cellspacing="0" cellpadding="3" width="100%">{shas}</table>
<p>Đề nghị chủ phương tiện, người điều khiển phương tiện đến <b>{e(n.resolving_unit)}</b>
(điện thoại {e(n.resolving_phone)}) trong thời hạn 20 ngày kể từ ngày phát hiện vi phạm để giải quyết,
xử lý theo quy định. Quá thời hạn trên mà không đến giải quyết, thông tin phương tiện vi phạm
sẽ được công khai và thông báo cho cơ quan đăng kiểm. Tra cứu: https://www.csgt.vn – mã thông báo
{n.fine_id:06d}.</p>
</body></html>
"""


def write_notice(data: NoticeData, evidence_root: Path, out: Path) -> str:
    """Write the notice to ``out`` (A4) and return the file's SHA-256. Needs a QGuiApplication."""
    load_fonts()
    doc = QTextDocument()
    doc.setDefaultFont(QFont(UI_FAMILY, 9))
    for role, path, _sha in data.evidence:
        image = QImage(str(evidence_root / path))
        if not image.isNull():
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"evidence:{role}"), image)
    doc.setHtml(notice_html(data))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    writer = QPdfWriter(str(tmp))
    writer.setTitle(f"Thông báo vi phạm {data.plate}")
    writer.setCreator("CSGT command console")
    writer.setResolution(300)
    writer.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(15, 10, 15, 10))
    )
    # No page size on the document: print_() then lays it out on the writer's page at its resolution,
    # so points stay points and the images keep their width in screen pixels (96 per inch).
    doc.print_(writer)
    del writer  # the PDF is finished when the writer goes away
    os.replace(tmp, out)
    return hashlib.sha256(out.read_bytes()).hexdigest()
