"""The knowledge handover in Chromium over the demo: the departing employee (pensiun.dinkes) opens his
handover from the notice on his home page, types it (each field autosaved), sends it; his supervisor
(atasan.dinkes) confirms it from her home page; the handover note is then found by search.

It uses only the demo's departing employee's handover, which no other test touches; once confirmed the
handover stays so (the shared demo server is fresh per run).
"""
import re

from playwright.sync_api import expect

WORD = "kalibrasitensimeter"  # a word no demo asset carries: the search finds only the new note
CAPTURE = {
    "Tugas utama dan proses di baliknya": f"Mengelola {WORD} puskesmas: jadwal, pencatatan, laporan ke seksi.",
    "Urusan dan keputusan yang belum selesai": "Pengadaan alat kalibrasi menunggu persetujuan kepala bidang.",
    "Di mana dokumen disimpan": "Folder bersama Bidang Yankes, subfolder Kalibrasi per tahun.",
    "Pelajaran yang dipetik": "Jadwalkan kalibrasi sebelum musim anggaran, bukan sesudahnya.",
}


def test_departing_employee_hands_over_and_the_supervisor_confirms(page_as, require_served):
    require_served("pensiun.dinkes", r"/handover/\d+", "knowledge handover", link_on="/")
    page = page_as("pensiun.dinkes")
    notice = page.locator(".task-list li").first
    expect(notice).to_contain_text("serah terima pengetahuan")
    notice.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Serah terima pengetahuan")
    for label, text in CAPTURE.items():
        field = page.get_by_label(label, exact=True)
        with page.expect_response(lambda r: "/fields/" in r.url and r.status == 200):
            field.fill(text)
            field.blur()  # htmx saves the field as a draft on change
    expect(page.locator("#saved_duties")).to_have_text("Tersimpan.")
    page.reload()  # the draft survived without pressing any button
    expect(page.get_by_label("Tugas utama dan proses di baliknya", exact=True)).to_have_value(CAPTURE[
        "Tugas utama dan proses di baliknya"])
    page.get_by_role("button", name="Kirim ke atasan untuk dikonfirmasi").click()
    expect(page.locator(".flash-success")).to_contain_text("Serah terima dikirim")
    handover_url = page.url

    boss = page_as("atasan.dinkes")
    task = boss.locator(".task-list li").filter(has_text="Bambang Sutrisno")
    expect(task).to_contain_text("menunggu konfirmasi Anda")
    task.get_by_role("link").click()
    expect(boss).to_have_url(handover_url)
    expect(boss.locator("#content")).to_contain_text(WORD)
    boss.get_by_role("button", name="Konfirmasi serah terima").click()
    expect(boss.locator(".flash-success")).to_contain_text("terbit sebagai aset pengetahuan")

    boss.goto(f"/search?q={WORD}")  # indexed by the embedded worker right after the commit
    result = boss.get_by_role("link", name=re.compile("Catatan serah terima: Bambang Sutrisno"))
    for _ in range(10):
        if result.count():
            break
        boss.wait_for_timeout(500)
        boss.reload()
    expect(result.first).to_be_visible()
