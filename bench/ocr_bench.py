"""OCR benchmark: pages per minute and character error rate (CER) of the portal's own page
recognition (kmapp/ocr/tesseract.py: orientation check + Tesseract ind+eng, one process per page)
on generated scans at 300 and 150 dpi.

The scans are committed in bench/ocr_scans/ with their ground truth (page-N.txt); each is a
half A4 page of Indonesian administrative text in one of three fonts, turned up to ±3°, with
speckle noise, JPEG compression and, on some, a round office stamp printed over the text.
`--generate` writes them again (deterministic).

Usage: python bench/ocr_bench.py [--generate] [--dpi 300 150]
Goal (issue 15): CER under 3% at 300 dpi and under 8% at 150 dpi.
"""
import argparse
import random
import re
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = Path(__file__).resolve().parent / "ocr_scans"
FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
         "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
PAGES = [
    ["KEPUTUSAN GUBERNUR PROVINSI DAERAH KHUSUS IBUKOTA JAKARTA",
     "NOMOR 1234 TAHUN 2025 TENTANG TIM PENGELOLA PENGETAHUAN",
     "Menimbang bahwa untuk meningkatkan kualitas pelayanan publik",
     "perlu dibentuk komunitas praktik di setiap perangkat daerah.",
     "Mengingat Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan",
     "Daerah sebagaimana telah diubah beberapa kali terakhir."],
    ["Surat Edaran Sekretaris Daerah tentang penyusunan laporan",
     "triwulan pelaksanaan kegiatan manajemen pengetahuan tahun 2025.",
     "Setiap kepala perangkat daerah wajib menyampaikan laporan",
     "paling lambat tanggal 10 bulan berikutnya melalui portal.",
     "Laporan memuat jumlah pertemuan, aset pengetahuan yang diunggah,",
     "serta pemanfaatan aset oleh pegawai di lingkungan masing-masing."],
    ["Notulen rapat koordinasi penanganan genangan dan banjir rob",
     "di wilayah Jakarta Utara, Selasa 14 Oktober 2025 pukul 09.00.",
     "Peserta: Dinas Sumber Daya Air, Badan Penanggulangan Bencana",
     "Daerah, Suku Dinas Bina Marga, dan perwakilan kelurahan.",
     "Disepakati pengerukan saluran penghubung sepanjang 2,5 km",
     "dan pemeliharaan pompa stasioner sebelum musim hujan."],
    ["Peraturan Gubernur tentang standar operasional prosedur",
     "pelayanan perizinan berusaha berbasis risiko di kecamatan.",
     "Pasal 5: permohonan diperiksa kelengkapannya dalam waktu",
     "paling lama 3 (tiga) hari kerja sejak diterima secara lengkap.",
     "Pasal 6: pemohon dapat memantau status permohonan melalui",
     "laman resmi dan menerima pemberitahuan melalui surel."],
]
STAMPED = {1, 3}  # pages with a stamp over the text


def generate() -> None:
    HERE.mkdir(exist_ok=True)
    for number, lines in enumerate(PAGES, start=1):
        (HERE / f"page-{number}.txt").write_text("\n".join(lines) + "\n", "utf-8")
        for dpi in (300, 150):
            _page(number, lines, dpi).save(HERE / f"page-{number}-{dpi}dpi.jpg", "JPEG", quality=60,
                                           dpi=(dpi, dpi))


def _page(number: int, lines: list[str], dpi: int) -> Image.Image:
    rng = random.Random(number * 1000 + dpi)
    scale = dpi / 72
    width, height = round(8.27 * dpi), round(4.6 * dpi)  # half an A4 page
    page = Image.new("L", (width, height), 250)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONTS[(number - 1) % len(FONTS)], round(11 * scale))
    for row, line in enumerate(lines):
        draw.text((round(60 * scale), round((50 + row * 22) * scale)), line, font=font, fill=25)
    if number in STAMPED:
        page = _stamp(page, scale, rng)
    page = page.rotate(rng.uniform(-3, 3), resample=Image.BICUBIC, fillcolor=250)
    page = page.filter(ImageFilter.GaussianBlur(0.4 * dpi / 300))
    pixels = page.load()
    for _ in range(int(width * height * 0.002)):  # speckle of a dusty scanner glass
        pixels[rng.randrange(width), rng.randrange(height)] = rng.choice((20, 240))
    return page


def _stamp(page: Image.Image, scale: float, rng: random.Random) -> Image.Image:
    """A round office stamp, grey as a blue stamp comes out of a greyscale scan, over two lines."""
    layer = Image.new("L", page.size, 0)
    draw = ImageDraw.Draw(layer)
    x, y, r = round(rng.uniform(300, 420) * scale), round(85 * scale), round(45 * scale)
    draw.ellipse((x - r, y - r, x + r, y + r), outline=255, width=round(3 * scale))
    draw.ellipse((x - r * 0.7, y - r * 0.7, x + r * 0.7, y + r * 0.7), outline=255, width=round(2 * scale))
    font = ImageFont.truetype(FONTS[0], round(8 * scale))
    draw.text((x - r * 0.55, y - 5 * scale), "SEKRETARIAT", font=font, fill=255)
    ink = Image.new("L", page.size, 140)
    return Image.composite(ink, page, layer.point(lambda v: v * 0.6))


def cer(truth: str, found: str) -> float:
    """Character error rate: edit distance over the length of the truth (whitespace collapsed)."""
    a, b = _norm(truth), _norm(found)
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        current = [i]
        for j, other in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other)))
        previous = current
    return previous[-1] / max(1, len(a))


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def run(dpis: list[int]) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from kmapp import create_app
    from kmapp.ocr.tesseract import availability, recognise_page
    with tempfile.TemporaryDirectory() as instance:
        app = create_app({"SECRET_KEY": "bench", "JOBS_WORKER": "inline"}, instance_path=instance)
        with app.app_context():
            ready, reason = availability()
            if not ready:
                sys.exit(f"OCR not available: {reason}")
            for dpi in dpis:
                scans = sorted(HERE.glob(f"page-*-{dpi}dpi.jpg"))
                started, rates = time.perf_counter(), []
                for scan in scans:
                    truth = (HERE / (scan.name.split(f"-{dpi}dpi")[0] + ".txt")).read_text("utf-8")
                    rates.append(cer(truth, recognise_page(scan).text))
                elapsed = time.perf_counter() - started
                print(f"{dpi} dpi: {len(scans)} pages in {elapsed:.1f} s = {60 * len(scans) / elapsed:.1f} pages/min; "
                      f"CER mean {100 * sum(rates) / len(rates):.2f}% "
                      f"(pages: {', '.join(f'{100 * r:.2f}%' for r in rates)})")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generate", action="store_true", help="write the scans and their ground truth again")
    parser.add_argument("--dpi", type=int, nargs="+", default=[300, 150])
    arguments = parser.parse_args()
    if arguments.generate:
        generate()
    run(arguments.dpi)
