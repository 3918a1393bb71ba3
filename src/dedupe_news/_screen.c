/* The normalisation stage's screens, one pass each over a str's PEP 393 data.
 *
 * rest(text, ordinary) gives the characters of ``text`` that are not in the
 * bytes object ``ordinary`` (a set of ASCII code points), in order: every
 * non-ASCII character, lone surrogates included, and the ASCII characters
 * not listed. Its pure-Python twin is dedupe_news.normalize._rest_py (encode
 * to UTF-8, delete bytes, decode); both give the same str.
 *
 * needs_spacing(text) says whether a space or blank-line rule can change
 * ``text``: a double space, a space at either end of a line, three line
 * breaks in a row, or a blank line at the end. Its pure-Python twin is
 * dedupe_news.whitespace._needs_spacing_py (substring and regex scans).
 * spacing_work(text) says which of those rules can: one bit per rule, as
 * dedupe_news.whitespace._spacing_work_py (the rules' triggers) gives them.
 *
 * next_hint(text, pos, candidates, lone) gives where the first mojibake or
 * entity hint at or after ``pos`` starts, or -1; its pure-Python twin is
 * dedupe_news.mojibake._next_hint_py (the regex _HINT_RE), whose character
 * classes come in as bitmaps.
 *
 * All read the str's data in place (1, 2 or 4 bytes per code point); no
 * encoding or decoding, no copy but the result (rest() gathers it at the
 * width of ``text``). 1- and 2-byte data go 16
 * code points at a time where the compiler has SSE2 (x86-64), then 64-bit
 * words of code points (SWAR), then code point by code point.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define HAVE_SSE2 1
#else
#define HAVE_SSE2 0
#endif

/* SWAR (several code points per 64-bit word): for lanes of ``bits`` bits,
 * ``ones`` has 1 in every lane. lane_is(w, c) has bit 0 of each lane of ``w``
 * equal to ``c`` set, nothing else (exact: no carry crosses a lane). */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define SWAR_WORDS 0 /* lanes are in memory order only on little-endian machines */
#else
#define SWAR_WORDS 1
#endif
#define LANE_HIGH(ones, bits) ((ones) << ((bits) - 1))
#define LANE_LOW(ones, bits) (LANE_HIGH(ones, bits) - (ones))

static inline uint64_t
lane_is(uint64_t w, uint64_t c, uint64_t ones, int bits)
{
    uint64_t low = LANE_LOW(ones, bits);
    uint64_t t = w ^ (ones * c);
    uint64_t y = ((t & low) + low) | t | low;
    return (~y & LANE_HIGH(ones, bits)) >> (bits - 1);
}

/* Bit 0 of each lane of ``w`` holding a code point below ``k`` (1 <= k <= 0x80). */
static inline uint64_t
lane_below(uint64_t w, uint64_t k, uint64_t ones, int bits)
{
    uint64_t high = LANE_HIGH(ones, bits);
    uint64_t at_least = (((w & LANE_LOW(ones, bits)) + ones * ((UINT64_C(1) << (bits - 1)) - k)) | w) & high;
    return (~at_least & high) >> (bits - 1);
}

/* What rest() keeps: ``drop[c]`` is set for the ASCII code points it drops;
 * ``printable`` lists the kept ones from 0x20 to 0x7e (``count`` of them, -1
 * when there are too many to test a word for). */
typedef struct {
    uint8_t drop[128];
    int count;
    uint8_t printable[4];
} Table;

/* Fill ``table`` from the bytes ``ordinary``; -1 with ValueError if one is not ASCII. */
static int
fill_table(PyObject *ordinary, Table *table)
{
    const unsigned char *codes = (const unsigned char *)PyBytes_AS_STRING(ordinary);
    Py_ssize_t size = PyBytes_GET_SIZE(ordinary);
    memset(table->drop, 0, sizeof(table->drop));
    for (Py_ssize_t i = 0; i < size; i++) {
        if (codes[i] >= 128) {
            PyErr_Format(PyExc_ValueError, "rest(): ordinary byte %zd is %d, not ASCII", i, codes[i]);
            return -1;
        }
        table->drop[codes[i]] = 1;
    }
    table->count = 0;
    for (int c = 0x20; c < 0x7f; c++) {
        if (!table->drop[c]) {
            if (table->count == (int)sizeof(table->printable)) {
                table->count = -1;
                break;
            }
            table->printable[table->count++] = (uint8_t)c;
        }
    }
    return 0;
}

/* Blocks of 16 code points (SSE2, UCS1 and UCS2 only): one bit per code
 * point of the block, bit k for data[k]. ``eq`` marks code points equal to
 * ``c``; ``maybe`` those rest() may keep: below 0x20, above 0x7e (signed
 * compares: 0x80 and up count as negative, so below 0x20), or one of the
 * table's kept printable code points. */
#if HAVE_SSE2
static inline unsigned
block_eq_ucs1(const Py_UCS1 *data, char c)
{
    __m128i v = _mm_loadu_si128((const __m128i *)data);
    return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(c)));
}

static inline unsigned
block_eq_ucs2(const Py_UCS2 *data, char c)
{
    __m128i low = _mm_loadu_si128((const __m128i *)data);
    __m128i high = _mm_loadu_si128((const __m128i *)(data + 8));
    __m128i want = _mm_set1_epi16(c);
    __m128i both = _mm_packs_epi16(_mm_cmpeq_epi16(low, want), _mm_cmpeq_epi16(high, want));
    return (unsigned)_mm_movemask_epi8(both);
}

static inline __m128i
maybe_bytes(__m128i v, const Table *table)
{
    __m128i maybe = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                                 _mm_cmpgt_epi8(v, _mm_set1_epi8(0x7e)));
    for (int k = 0; k < table->count; k++) {
        maybe = _mm_or_si128(maybe, _mm_cmpeq_epi8(v, _mm_set1_epi8((char)table->printable[k])));
    }
    return maybe;
}

static inline __m128i
maybe_words(__m128i v, const Table *table)
{
    __m128i maybe = _mm_or_si128(_mm_cmplt_epi16(v, _mm_set1_epi16(0x20)),
                                 _mm_cmpgt_epi16(v, _mm_set1_epi16(0x7e)));
    for (int k = 0; k < table->count; k++) {
        maybe = _mm_or_si128(maybe, _mm_cmpeq_epi16(v, _mm_set1_epi16(table->printable[k])));
    }
    return maybe;
}

static inline unsigned
block_maybe_ucs1(const Py_UCS1 *data, const Table *table)
{
    __m128i v = _mm_loadu_si128((const __m128i *)data);
    return (unsigned)_mm_movemask_epi8(maybe_bytes(v, table));
}

static inline unsigned
block_maybe_ucs2(const Py_UCS2 *data, const Table *table)
{
    __m128i low = maybe_words(_mm_loadu_si128((const __m128i *)data), table);
    __m128i high = maybe_words(_mm_loadu_si128((const __m128i *)(data + 8)), table);
    return (unsigned)_mm_movemask_epi8(_mm_packs_epi16(low, high));
}

/* rest()'s blocks: append the kept code points of each block holding one
 * to ``out`` at ``*j``; return where the blocks end. */
#define DEFINE_COLLECT_BLOCKS(name, type, maybe)                                      \
    static Py_ssize_t name(const type *data, Py_ssize_t n, const Table *table,       \
                           type *out, Py_ssize_t *j)                               \
    {                                                                                 \
        Py_ssize_t i = 0;                                                             \
        for (; table->count >= 0 && i + 16 <= n; i += 16) {                           \
            if (maybe(data + i, table) == 0) {                                        \
                continue;                                                             \
            }                                                                         \
            for (Py_ssize_t l = i; l < i + 16; l++) {                                 \
                Py_UCS4 c = data[l];                                                  \
                out[*j] = (type)c;                                                    \
                *j += c >= 128 ? 1 : !table->drop[c];                                 \
            }                                                                         \
        }                                                                             \
        return i;                                                                     \
    }

DEFINE_COLLECT_BLOCKS(collect_blocks_ucs1, Py_UCS1, block_maybe_ucs1)
DEFINE_COLLECT_BLOCKS(collect_blocks_ucs2, Py_UCS2, block_maybe_ucs2)
#endif

/* Append the code points of ``data[0:n]`` that ``table`` keeps to ``out``
 * (room for ``n``); return how many. A word of code points all printable
 * ASCII and none of the kept printable ones is skipped at once; otherwise
 * every code point is stored and the end moves on only for kept ones (no
 * branch per code point). */
#define DEFINE_COLLECT(name, type, blocks)                                             \
    static Py_ssize_t name(const type *data, Py_ssize_t n, const Table *table,        \
                           type *out)                                                  \
    {                                                                                  \
        const int bits = 8 * (int)sizeof(type);                                        \
        const Py_ssize_t lanes = 64 / bits;                                            \
        const uint64_t ones = UINT64_MAX / ((UINT64_C(1) << (bits - 1) << 1) - 1);     \
        Py_ssize_t j = 0;                                                              \
        Py_ssize_t i = blocks(data, n, table, out, &j);                                \
        for (; SWAR_WORDS && table->count >= 0 && i + lanes <= n; i += lanes) {        \
            uint64_t w;                                                                \
            memcpy(&w, data + i, 8);                                                   \
            uint64_t maybe = lane_below(w, 0x20, ones, bits);                          \
            maybe |= ones & ~lane_below(w, 0x7f, ones, bits);                          \
            for (int k = 0; k < table->count; k++) {                                   \
                maybe |= lane_is(w, table->printable[k], ones, bits);                  \
            }                                                                          \
            if (maybe == 0) {                                                          \
                continue;                                                              \
            }                                                                          \
            for (Py_ssize_t l = i; l < i + lanes; l++) {                               \
                Py_UCS4 c = data[l];                                                   \
                out[j] = (type)c;                                                      \
                j += c >= 128 ? 1 : !table->drop[c];                                   \
            }                                                                          \
        }                                                                              \
        for (; i < n; i++) {                                                           \
            Py_UCS4 c = data[i];                                                       \
            out[j] = (type)c;                                                          \
            j += c >= 128 ? 1 : !table->drop[c];                                       \
        }                                                                              \
        return j;                                                                      \
    }

/* No blocks: the words start at the first code point. */
#define NO_COLLECT_BLOCKS(data, n, table, out, j) ((void)(out), (void)(j), (Py_ssize_t)0)

#if HAVE_SSE2
DEFINE_COLLECT(collect_ucs1, Py_UCS1, collect_blocks_ucs1)
DEFINE_COLLECT(collect_ucs2, Py_UCS2, collect_blocks_ucs2)
#else
DEFINE_COLLECT(collect_ucs1, Py_UCS1, NO_COLLECT_BLOCKS)
DEFINE_COLLECT(collect_ucs2, Py_UCS2, NO_COLLECT_BLOCKS)
#endif
DEFINE_COLLECT(collect_ucs4, Py_UCS4, NO_COLLECT_BLOCKS)

static PyObject *
rest(PyObject *module, PyObject *args)
{
    PyObject *text, *ordinary;
    Table table;
    (void)module;
    if (!PyArg_ParseTuple(args, "UO!:rest", &text, &PyBytes_Type, &ordinary)) {
        return NULL;
    }
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(text) < 0) {
        return NULL;
    }
#endif
    if (fill_table(ordinary, &table) < 0) {
        return NULL;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    /* The kept code points are stored at the width of ``text``. */
    void *kept = PyMem_Malloc((size_t)(n ? n : 1) * (size_t)kind);
    if (kept == NULL) {
        return PyErr_NoMemory();
    }
    Py_ssize_t count;
    if (kind == PyUnicode_1BYTE_KIND) {
        count = collect_ucs1(data, n, &table, kept);
    }
    else if (kind == PyUnicode_2BYTE_KIND) {
        count = collect_ucs2(data, n, &table, kept);
    }
    else {
        count = collect_ucs4(data, n, &table, kept);
    }
    PyObject *result;
    if (count == n && PyUnicode_CheckExact(text)) {
        Py_INCREF(text);
        result = text;
    }
    else {
        result = PyUnicode_FromKindAndData(kind, kept, count);
    }
    PyMem_Free(kept);
    return result;
}

/* The spacing work of ``data[0:n]``, one bit per spacing rule whose
 * trigger fires, in the order of dedupe_news.whitespace._SPACING_RULES. */
#define WORK_TRAILING 1u   /* " \n", or a space at the end */
#define WORK_INDENT 2u     /* "\n ", or a space at the start */
#define WORK_RUN 4u        /* "  " */
#define WORK_BLANKS 8u     /* "\n\n\n" */
#define WORK_START 16u     /* a line break at the start */
#define WORK_END 32u       /* "\n\n" at the end */

#if HAVE_SSE2
/* spacing_work()'s blocks: OR the work of each block into ``*work``
 * (pairs reaching back into the previous block included); return where the
 * blocks end. */
#define DEFINE_SPACING_BLOCKS(name, type, eq)                                       \
    static Py_ssize_t name(const type *data, Py_ssize_t n, unsigned *work)          \
    {                                                                               \
        unsigned last_space = 0, last_line = 0, trailing = 0, indent = 0;           \
        unsigned run = 0, blanks = 0;                                               \
        Py_ssize_t i = 0;                                                           \
        for (; i + 16 <= n; i += 16) {                                              \
            unsigned space = eq(data + i, ' '), line = eq(data + i, '\n');          \
            unsigned space1 = (space << 1) | (last_space >> 15);                    \
            unsigned line1 = (line << 1) | (last_line >> 15);                       \
            unsigned line2 = (line << 2) | (last_line >> 14);                       \
            trailing |= space1 & line;                                              \
            indent |= line1 & space;                                                \
            run |= space1 & space;                                                  \
            blanks |= line2 & line1 & line;                                         \
            last_space = space;                                                     \
            last_line = line;                                                       \
        }                                                                           \
        *work |= (trailing ? WORK_TRAILING : 0) | (indent ? WORK_INDENT : 0) |      \
                 (run ? WORK_RUN : 0) | (blanks ? WORK_BLANKS : 0);                 \
        return i;                                                                   \
    }

DEFINE_SPACING_BLOCKS(spacing_blocks_ucs1, Py_UCS1, block_eq_ucs1)
DEFINE_SPACING_BLOCKS(spacing_blocks_ucs2, Py_UCS2, block_eq_ucs2)
#endif

/* No blocks: the words start at the first code point. */
#define NO_SPACING_BLOCKS(data, n, work) ((void)(work), (Py_ssize_t)0)

/* Blocks first, where there are, then whole words of code points at once;
 * the flags of the last code points before a word carry over into it, and
 * code points after the last whole word are tested one by one. */
#define DEFINE_SPACING(name, type, blocks)                                          \
    static unsigned name(const type *data, Py_ssize_t n)                           \
    {                                                                               \
        const int bits = 8 * (int)sizeof(type);                                     \
        const Py_ssize_t lanes = 64 / bits;                                         \
        const uint64_t ones = UINT64_MAX / ((UINT64_C(1) << (bits - 1) << 1) - 1);  \
        if (n == 0) {                                                               \
            return 0;                                                               \
        }                                                                           \
        unsigned work = 0;                                                          \
        work |= data[n - 1] == ' ' ? WORK_TRAILING : 0;                             \
        work |= data[0] == ' ' ? WORK_INDENT : 0;                                   \
        work |= data[0] == '\n' ? WORK_START : 0;                                   \
        work |= n >= 2 && data[n - 1] == '\n' && data[n - 2] == '\n' ? WORK_END : 0; \
        Py_ssize_t i = blocks(data, n, &work);                                      \
        uint64_t trailing = 0, indent = 0, run = 0, blanks = 0;                     \
        uint64_t last_space = 0, last_line = 0; /* the previous word's flags */     \
        if (i > 0) { /* the flags of the code points before the words */           \
            last_space = (uint64_t)(data[i - 1] == ' ') << (64 - bits);             \
            last_line = (uint64_t)(data[i - 1] == '\n') << (64 - bits);             \
            last_line |= (uint64_t)(i > 1 && data[i - 2] == '\n') << (64 - 2 * bits); \
        }                                                                           \
        for (; SWAR_WORDS && i + lanes <= n; i += lanes) {                          \
            uint64_t w;                                                             \
            memcpy(&w, data + i, 8);                                                \
            uint64_t space = lane_is(w, ' ', ones, bits);                           \
            uint64_t line = lane_is(w, '\n', ones, bits);                           \
            uint64_t space1 = (space << bits) | (last_space >> (64 - bits));        \
            uint64_t line1 = (line << bits) | (last_line >> (64 - bits));           \
            uint64_t line2 = (line1 << bits) | (last_line >> (64 - 2 * bits));      \
            trailing |= space1 & line;                                              \
            indent |= line1 & space;                                                \
            run |= space1 & space;                                                  \
            blanks |= line2 & line1 & line;                                         \
            last_space = space;                                                     \
            last_line = line;                                                       \
        }                                                                           \
        work |= trailing ? WORK_TRAILING : 0;                                       \
        work |= indent ? WORK_INDENT : 0;                                           \
        work |= run ? WORK_RUN : 0;                                                 \
        work |= blanks ? WORK_BLANKS : 0;                                           \
        for (i = i ? i : 1; i < n; i++) {                                           \
            Py_UCS4 c = data[i], prev = data[i - 1];                                \
            Py_UCS4 before = i > 1 ? data[i - 2] : 0;                               \
            if (c == ' ') {                                                         \
                work |= prev == ' ' ? WORK_RUN : prev == '\n' ? WORK_INDENT : 0;    \
            }                                                                       \
            else if (c == '\n') {                                                   \
                work |= prev == ' ' ? WORK_TRAILING : 0;                            \
                work |= prev == '\n' && before == '\n' ? WORK_BLANKS : 0;           \
            }                                                                       \
        }                                                                           \
        return work;                                                                \
    }

#if HAVE_SSE2
DEFINE_SPACING(spacing_ucs1, Py_UCS1, spacing_blocks_ucs1)
DEFINE_SPACING(spacing_ucs2, Py_UCS2, spacing_blocks_ucs2)
#else
DEFINE_SPACING(spacing_ucs1, Py_UCS1, NO_SPACING_BLOCKS)
DEFINE_SPACING(spacing_ucs2, Py_UCS2, NO_SPACING_BLOCKS)
#endif
DEFINE_SPACING(spacing_ucs4, Py_UCS4, NO_SPACING_BLOCKS)

/* The spacing work bits of the str ``text``, or -1 with TypeError set. */
static long
text_spacing(PyObject *text, const char *caller)
{
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "%s() argument must be str, not %.100s", caller,
                     Py_TYPE(text)->tp_name);
        return -1;
    }
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(text) < 0) {
        return -1;
    }
#endif
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (kind == PyUnicode_1BYTE_KIND) {
        return spacing_ucs1(data, n);
    }
    if (kind == PyUnicode_2BYTE_KIND) {
        return spacing_ucs2(data, n);
    }
    return spacing_ucs4(data, n);
}

static PyObject *
needs_spacing(PyObject *module, PyObject *text)
{
    (void)module;
    long work = text_spacing(text, "needs_spacing");
    return work < 0 ? NULL : PyBool_FromLong(work != 0);
}

static PyObject *
spacing_work(PyObject *module, PyObject *text)
{
    (void)module;
    long work = text_spacing(text, "spacing_work");
    return work < 0 ? NULL : PyLong_FromLong(work);
}

/* next_hint(): the bitmaps are bytes of 8192 (one bit per BMP code point,
 * bit c & 7 of byte c >> 3); code points above the BMP are in neither. */
#define HINT_TABLE_SIZE 8192

static inline int
in_table(const unsigned char *table, Py_UCS4 c)
{
    return c < 0x10000 && ((table[c >> 3] >> (c & 7)) & 1);
}

/* "&" at data[i] starts an entity: "#"? then 1 to 24 ASCII letters or
 * digits, then ";" (the lookahead of mojibake.HINT_CONTEXT). */
#define DEFINE_ENTITY_AT(name, type)                                                  \
    static int name(const type *data, Py_ssize_t n, Py_ssize_t i)                     \
    {                                                                                 \
        Py_ssize_t k = i + 1;                                                         \
        if (k < n && data[k] == '#') {                                                \
            k++;                                                                      \
        }                                                                             \
        Py_ssize_t first = k;                                                         \
        while (k < n && k - first <= 24 &&                                            \
               ((data[k] >= '0' && data[k] <= '9') || (data[k] >= 'A' && data[k] <= 'Z') || \
                (data[k] >= 'a' && data[k] <= 'z'))) {                                \
            k++;                                                                      \
        }                                                                             \
        return k > first && k - first <= 24 && k < n && data[k] == ';';               \
    }

DEFINE_ENTITY_AT(entity_at_ucs1, Py_UCS1)
DEFINE_ENTITY_AT(entity_at_ucs2, Py_UCS2)
DEFINE_ENTITY_AT(entity_at_ucs4, Py_UCS4)

#if HAVE_SSE2
/* Blocks of 16 code points: bit k set when data[k] is "&", ESC or not ASCII
 * (the only ASCII code points next_hint() accepts in ``candidates``). */
static inline unsigned
block_hint_ucs1(const Py_UCS1 *data)
{
    __m128i v = _mm_loadu_si128((const __m128i *)data);
    __m128i ascii_hint = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('&')),
                                      _mm_cmpeq_epi8(v, _mm_set1_epi8(0x1b)));
    return (unsigned)_mm_movemask_epi8(_mm_or_si128(v, ascii_hint));
}

static inline __m128i
hint_words(__m128i v)
{
    __m128i ascii = _mm_cmpeq_epi16(_mm_and_si128(v, _mm_set1_epi16((short)0xff80)),
                                    _mm_setzero_si128());
    __m128i ascii_hint = _mm_or_si128(_mm_cmpeq_epi16(v, _mm_set1_epi16('&')),
                                      _mm_cmpeq_epi16(v, _mm_set1_epi16(0x1b)));
    return _mm_or_si128(_mm_andnot_si128(ascii, _mm_set1_epi16(-1)), ascii_hint);
}

static inline unsigned
block_hint_ucs2(const Py_UCS2 *data)
{
    __m128i low = hint_words(_mm_loadu_si128((const __m128i *)data));
    __m128i high = hint_words(_mm_loadu_si128((const __m128i *)(data + 8)));
    return (unsigned)_mm_movemask_epi8(_mm_packs_epi16(low, high));
}
#define HINT_SKIP(block)                                                              \
    while (i + 16 <= n) {                                                             \
        unsigned mask = block(data + i);                                              \
        if (mask != 0) {                                                              \
            for (; (mask & 1u) == 0; mask >>= 1) {                                    \
                i++;                                                                  \
            }                                                                         \
            break;                                                                    \
        }                                                                             \
        i += 16;                                                                      \
    }
#else
#define HINT_SKIP(block)
#endif
#define NO_HINT_SKIP(block)

/* The first hint at or after ``pos``, or -1: a code point of ``candidates``
 * (whose only ASCII members may be "&" and ESC, as the blocks assume)
 * next to a non-ASCII code point, or in ``lone``, or an "&" starting an
 * entity (mojibake._HINT_RE; the code point before ``pos`` counts). */
#define DEFINE_NEXT_HINT(name, type, skip, block, entity_at)                          \
    static Py_ssize_t name(const type *data, Py_ssize_t n, Py_ssize_t i,              \
                           const unsigned char *candidates, const unsigned char *lone) \
    {                                                                                 \
        while (i < n) {                                                               \
            skip(block)                                                               \
            if (i >= n) {                                                             \
                break;                                                                \
            }                                                                         \
            Py_UCS4 c = data[i];                                                      \
            if (!in_table(candidates, c)) {                                           \
                i++;                                                                  \
                continue;                                                             \
            }                                                                         \
            if ((i + 1 < n && data[i + 1] >= 0x80) || (i > 0 && data[i - 1] >= 0x80) || \
                in_table(lone, c) || (c == '&' && entity_at(data, n, i))) {           \
                return i;                                                             \
            }                                                                         \
            i++;                                                                      \
        }                                                                             \
        return -1;                                                                    \
    }

DEFINE_NEXT_HINT(next_hint_ucs1, Py_UCS1, HINT_SKIP, block_hint_ucs1, entity_at_ucs1)
DEFINE_NEXT_HINT(next_hint_ucs2, Py_UCS2, HINT_SKIP, block_hint_ucs2, entity_at_ucs2)
DEFINE_NEXT_HINT(next_hint_ucs4, Py_UCS4, NO_HINT_SKIP, block_hint_ucs2, entity_at_ucs4)

static PyObject *
next_hint(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4 || !PyUnicode_Check(args[0]) || !PyLong_Check(args[1]) ||
        !PyBytes_Check(args[2]) || !PyBytes_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError,
                        "next_hint() takes (text: str, pos: int, candidates: bytes, lone: bytes)");
        return NULL;
    }
    if (PyBytes_GET_SIZE(args[2]) != HINT_TABLE_SIZE || PyBytes_GET_SIZE(args[3]) != HINT_TABLE_SIZE) {
        PyErr_Format(PyExc_ValueError, "next_hint(): the bitmaps must be %d bytes",
                     HINT_TABLE_SIZE);
        return NULL;
    }
    const unsigned char *candidates = (const unsigned char *)PyBytes_AS_STRING(args[2]);
    const unsigned char *lone = (const unsigned char *)PyBytes_AS_STRING(args[3]);
    for (int c = 0; c < 0x80; c++) {
        if (c != '&' && c != 0x1b && (in_table(candidates, c) || in_table(lone, c))) {
            PyErr_Format(PyExc_ValueError,
                         "next_hint(): ASCII code point %d in a bitmap (only '&' and ESC may be)", c);
            return NULL;
        }
    }
    Py_ssize_t pos = PyLong_AsSsize_t(args[1]);
    if (pos == -1 && PyErr_Occurred()) {
        return NULL;
    }
    PyObject *text = args[0];
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(text) < 0) {
        return NULL;
    }
#endif
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Py_ssize_t found;
    if (pos < 0) {
        pos = 0;
    }
    if (kind == PyUnicode_1BYTE_KIND) {
        found = next_hint_ucs1(data, n, pos, candidates, lone);
    }
    else if (kind == PyUnicode_2BYTE_KIND) {
        found = next_hint_ucs2(data, n, pos, candidates, lone);
    }
    else {
        found = next_hint_ucs4(data, n, pos, candidates, lone);
    }
    return PyLong_FromSsize_t(found);
}

static PyMethodDef methods[] = {
    {"rest", rest, METH_VARARGS,
     "rest(text, ordinary, /)\n--\n\n"
     "The characters of text whose code point is not a byte of ordinary (bytes of\n"
     "ASCII code points), in order."},
    {"needs_spacing", needs_spacing, METH_O,
     "needs_spacing(text, /)\n--\n\n"
     "Whether text holds a double space, a space at either end of a line, three\n"
     "line breaks in a row, or ends with a blank line."},
    {"spacing_work", spacing_work, METH_O,
     "spacing_work(text, /)\n--\n\n"
     "One bit per spacing rule whose trigger fires on text: 1 a space ends a line,\n"
     "2 a space starts a line, 4 a double space, 8 three line breaks in a row,\n"
     "16 text starts with a line break, 32 text ends with two."},
    {"next_hint", (PyCFunction)(void (*)(void))next_hint, METH_FASTCALL,
     "next_hint(text, pos, candidates, lone, /)\n--\n\n"
     "The index of the first hint of text at or after pos, or -1: a code point of\n"
     "the bitmap candidates next to a non-ASCII one, or in the bitmap lone, or an\n"
     "\"&\" starting an entity (bitmaps: 8192 bytes, bit c & 7 of byte c >> 3)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef_Slot slots[] = {
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "dedupe_news._screen",
    .m_doc = "One-pass screens of the normalisation stage (see dedupe_news.normalize).",
    .m_size = 0,
    .m_methods = methods,
    .m_slots = slots,
};

PyMODINIT_FUNC
PyInit__screen(void)
{
    return PyModuleDef_Init(&module_def);
}
