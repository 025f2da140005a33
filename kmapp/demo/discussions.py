"""Demo discussions: JAK-HIGH prepares and follows up its meetings, asks and answers a question,
and the programme office talks with leads and facilitators in the programme-wide space."""
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from ..discussions.finding import terms_of
from ..discussions.periods import utc_at_local_midnight
from ..extensions import db
from ..models import Community, Meeting, Post, Thread, ThreadKind, User, Watch, WatchTarget
from . import catalogue as cat


@dataclass(frozen=True)
class Said:
    who: str  # "lead", "member1", "member2", "facilitator", "admin", "other_lead"
    text: str
    days_after_opening: int
    hour: int = 10


def _at(day: date, hour: int) -> datetime:
    return utc_at_local_midnight(day) + timedelta(hours=hour)


def seed_discussions(today: date, communities: dict[str, Community], logins: dict[str, User],
                     members: dict[int, list[User]]) -> int:
    """Write the demo's threads; returns how many."""
    jak_high = communities[cat.JAK_HIGH]
    people = members[jak_high.id]
    other_lead = next(m.user for c in communities.values() if c.name != cat.JAK_HIGH
                      for m in c.members if m.role == "lead")
    cast = {"lead": logins["lead.dinkes"], "member1": people[1], "member2": people[2],
            "facilitator": logins["fasilitator"], "admin": logins["admin"], "other_lead": other_lead}
    held = list(db.session.scalars(select(Meeting).where(Meeting.community_id == jak_high.id,
                                                         Meeting.held_on <= today).order_by(Meeting.held_on)))
    latest, earlier = held[-1], held[-2]
    threads = [
        _thread(cast, jak_high, latest, ThreadKind.DISCUSSION, "Tindak lanjut: kelompok sebaya di perangkat daerah lain",
                opened=max(latest.held_on, today - timedelta(days=5)), closes=today + timedelta(days=10),
                agenda_item="Tindak lanjut pertemuan", said=[
                    Said("lead", "Terima kasih atas kehadiran rekan-rekan. Sesuai hasil pertemuan, kita akan membantu "
                                 "perangkat daerah lain membentuk **kelompok sebaya** sendiri.\n\nMohon usulan: "
                                 "perangkat daerah mana yang kita dekati lebih dulu, dan siapa yang bersedia menjadi "
                                 "narasumber?", 0, 9),
                    Said("member1", "Usul saya Dinas Perhubungan: banyak pegawai lapangan dengan jadwal bergilir. "
                                    "Saya bersedia berbagi pengalaman menurunkan berat badan 12 kg.", 0, 13),
                    Said("facilitator", "Bagus. Tolong catat juga **langkah-langkah** membentuk kelompok "
                                        "(undangan, jadwal timbang, pencatatan) supaya bisa jadi panduan teknis. "
                                        "@lead.dinkes saya bisa mendampingi pertemuan pertamanya.", 1, 10),
                ]),
        _thread(cast, jak_high, None, ThreadKind.QUESTION,
                "Bagaimana mencatat hasil cek gula darah tanpa membuka data pribadi?",
                opened=today - timedelta(days=20), closes=None, said=[
                    Said("member2", "Di kelompok sebaya kami mencatat berat badan dan gula darah tiap bulan. Apakah "
                                    "boleh dibagikan di grup? Bagaimana supaya data pribadi tetap aman?", 0, 8),
                    Said("member1", "Kami hanya membagikan rekap kelompok, tanpa nama.", 1, 11),
                    Said("lead", "Catat per orang di formulir yang disimpan pengurus saja. Di grup dan di laporan "
                                 "cukup **angka agregat** (jumlah peserta, rata-rata penurunan). Untuk pemeriksaan "
                                 "lanjutan, rujuk ke puskesmas: hasilnya milik pegawai sendiri.", 2, 9),
                ], accepted=2),
        _thread(cast, jak_high, earlier, ThreadKind.DISCUSSION, "Persiapan: bahan paparan dan pembagian tugas",
                opened=earlier.held_on - timedelta(days=7), closes=earlier.held_on, said=[
                    Said("lead", "Pertemuan berikutnya membahas capaian program. Siapa yang menyiapkan data "
                                 "peserta, dan siapa yang mencari testimoni?", 0, 9),
                    Said("member1", "Saya siapkan rekap data agregat dari formulir bulanan.", 1, 14),
                    Said("member2", "Saya hubungi dua peserta untuk testimoni.", 2, 10),
                ], outcome="- Rekap data: disiapkan anggota, dikirim H-2.\n- Testimoni: dua peserta bersedia.\n"
                           "- Paparan dibuka ketua CoP, durasi 15 menit."),
        _thread(cast, None, None, ThreadKind.DISCUSSION, "Jadwal pendampingan Triwulan IV",
                opened=today - timedelta(days=12), closes=today + timedelta(days=20), said=[
                    Said("admin", "Rekan pengurus CoP, mohon tuliskan rencana tanggal pertemuan Triwulan IV agar "
                                  "pendamping dapat dijadwalkan. Batas pengisian: akhir bulan ini.", 0, 8),
                    Said("lead", "JAK-HIGH: pertemuan minggu kedua bulan depan, hibrida, di aula Dinas Kesehatan.",
                         1, 10),
                    Said("facilitator", "Saya ambil JAK-HIGH. Mohon undangan dikirim paling lambat H-3.", 2, 9),
                ]),
        _thread(cast, None, None, ThreadKind.QUESTION, "Apakah pertemuan daring dihitung untuk target triwulan?",
                opened=today - timedelta(days=30), closes=None, said=[
                    Said("other_lead", "CoP kami lebih sering bertemu daring. Apakah pertemuan daring dan aset "
                                       "yang lahir darinya dihitung untuk target triwulan?", 0, 9),
                    Said("admin", "Ya. Bentuk pertemuan (luring, daring, hibrida) tidak mengubah hitungan. Yang "
                                  "penting notulen dan daftar hadir dicatat, dan aset diunggah dari pertemuan itu.",
                         1, 11),
                ], accepted=1),
    ]
    return len(threads)


def _thread(cast, community, meeting, kind, title, opened: date, closes: date | None, said: list[Said],
            agenda_item: str = "", outcome: str = "", accepted: int | None = None) -> Thread:
    first = said[0]
    thread = Thread(community=community, meeting=meeting, agenda_item=agenda_item, kind=kind.value, title=title,
                    author=cast[first.who], opens_at=_at(opened, 7),
                    closes_at=utc_at_local_midnight(closes + timedelta(days=1)) if closes else None,
                    outcome_md=outcome, created_at=_at(opened, first.hour))
    db.session.add(thread)
    for index, line in enumerate(said):
        when = _at(opened + timedelta(days=line.days_after_opening), line.hour)
        thread.posts.append(Post(author=cast[line.who], body_md=line.text, created_at=when,
                                 search_terms=terms_of(title if index == 0 else "", line.text)))
        thread.last_post_at = when
    db.session.flush()
    if accepted is not None:
        thread.accepted_post_id = thread.posts[accepted].id
    for person in {cast[line.who].id for line in said}:
        db.session.add(Watch(user_id=person, target=WatchTarget.THREAD.value, target_id=thread.id))
    return thread
