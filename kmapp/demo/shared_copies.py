"""One document that several agencies upload, as they do in real life: the governor's KM
regulation, kept by each CoP for its own members. The same file under the same title, from
four CoPs: what the search page groups as "+ 3 aset serupa dari CoP lain" (issue 12, point 2).

The copies are dated in the running quarter, from a meeting each CoP held in it, so the
reported figures of completed quarters do not change.
"""
from datetime import timedelta

from .catalogue import JAK_HIGH, JAKSEL_ARCHIVES, JIKA

SHARED_TITLE = "Salinan Pergub tentang Pedoman Manajemen Pengetahuan di Lingkungan Pemprov DKI Jakarta"
SHARED_SUMMARY = ("Salinan peraturan gubernur yang menjadi dasar program manajemen pengetahuan, disimpan komunitas "
                  "agar anggota baru dapat membacanya tanpa mencari ke biro hukum.")
SHARED_TAGS = ("pergub", "manajemen pengetahuan", "regulasi")
SHARED_BODY = """Salinan untuk keperluan komunitas pembelajar

Bagian Kesatu - Tujuan
Peraturan ini menjadi pedoman bagi setiap perangkat daerah dalam mengelola pengetahuan
organisasi: mengenali pengetahuan penting, menuliskannya, menyimpannya di portal, membagikannya,
menerapkannya dalam pekerjaan, dan memperbaruinya secara berkala.

Bagian Kedua - Komunitas Pembelajar
Setiap perangkat daerah membentuk sedikitnya satu komunitas pembelajar yang bertemu secara
teratur. Setiap pertemuan dicatat: tanggal, topik, peserta, notulen, dan aset pengetahuan yang
dihasilkan.

Bagian Ketiga - Aset Pengetahuan
Aset pengetahuan diunggah ke portal bersama pertemuan asalnya, diberi ringkasan dan kata kunci,
dan ditinjau sedikitnya sekali setahun agar isinya tetap benar.

Bagian Keempat - Pemantauan
Badan Pengembangan Sumber Daya Manusia memantau capaian triwulanan setiap perangkat daerah,
tingkat pemanfaatan aset oleh pegawai, dan tingkat kematangan pengelolaan pengetahuan.
"""
SHARED_COPIES = 4
# Preferred CoPs (the showcase ones meet every quarter); any CoP that met in the running quarter
# fills in when one of these did not.
SHARED_BY = (JIKA, JAKSEL_ARCHIVES, JAK_HIGH, "Klinik Regulasi")


def shared_copy_days(latest_meeting_day, today):
    """Publication day of a copy: a few days after the CoP's latest meeting, never after today."""
    return min(latest_meeting_day + timedelta(days=3), today)
