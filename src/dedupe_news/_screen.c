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
 * Both read the str's data in place (1, 2 or 4 bytes per code point); no
 * encoding or decoding, no copy but the result.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

/* Append the code points of ``data[0:n]`` that ``drop`` does not drop to
 * ``out`` (room for ``n``); return how many. Branch-free: every code point is
 * stored and the end moves on only for kept ones, since most are dropped. */
#define DEFINE_COLLECT(name, type)                                                     \
    static Py_ssize_t name(const type *data, Py_ssize_t n, const uint8_t *drop,       \
                           Py_UCS4 *out)                                               \
    {                                                                                  \
        Py_ssize_t j = 0;                                                              \
        for (Py_ssize_t i = 0; i < n; i++) {                                           \
            Py_UCS4 c = data[i];                                                       \
            out[j] = c;                                                                \
            j += c >= 128 ? 1 : !drop[c];                                              \
        }                                                                              \
        return j;                                                                      \
    }

DEFINE_COLLECT(collect_ucs1, Py_UCS1)
DEFINE_COLLECT(collect_ucs2, Py_UCS2)
DEFINE_COLLECT(collect_ucs4, Py_UCS4)

/* ``drop[c]`` set for every code point of the bytes ``ordinary``; -1 if one is not ASCII. */
static int
drop_table(PyObject *ordinary, uint8_t drop[128])
{
    const unsigned char *codes = (const unsigned char *)PyBytes_AS_STRING(ordinary);
    Py_ssize_t size = PyBytes_GET_SIZE(ordinary);
    memset(drop, 0, 128);
    for (Py_ssize_t i = 0; i < size; i++) {
        if (codes[i] >= 128) {
            PyErr_Format(PyExc_ValueError, "rest(): ordinary byte %zd is %d, not ASCII", i, codes[i]);
            return -1;
        }
        drop[codes[i]] = 1;
    }
    return 0;
}

static PyObject *
rest(PyObject *module, PyObject *args)
{
    PyObject *text, *ordinary;
    uint8_t drop[128];
    (void)module;
    if (!PyArg_ParseTuple(args, "UO!:rest", &text, &PyBytes_Type, &ordinary)) {
        return NULL;
    }
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(text) < 0) {
        return NULL;
    }
#endif
    if (drop_table(ordinary, drop) < 0) {
        return NULL;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Py_UCS4 *kept = PyMem_New(Py_UCS4, n ? n : 1);
    if (kept == NULL) {
        return PyErr_NoMemory();
    }
    Py_ssize_t count;
    if (kind == PyUnicode_1BYTE_KIND) {
        count = collect_ucs1(data, n, drop, kept);
    }
    else if (kind == PyUnicode_2BYTE_KIND) {
        count = collect_ucs2(data, n, drop, kept);
    }
    else {
        count = collect_ucs4(data, n, drop, kept);
    }
    PyObject *result;
    if (count == n && PyUnicode_CheckExact(text)) {
        Py_INCREF(text);
        result = text;
    }
    else {
        result = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, kept, count);
    }
    PyMem_Free(kept);
    return result;
}

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

/* The spacing work of ``data[0:n]``, one bit per spacing rule whose
 * trigger fires, in the order of dedupe_news.whitespace._SPACING_RULES. */
#define WORK_TRAILING 1u   /* " \n", or a space at the end */
#define WORK_INDENT 2u     /* "\n ", or a space at the start */
#define WORK_RUN 4u        /* "  " */
#define WORK_BLANKS 8u     /* "\n\n\n" */
#define WORK_START 16u     /* a line break at the start */
#define WORK_END 32u       /* "\n\n" at the end */

/* Whole words of code points are tested at once; the flags of a word's last
 * lanes carry over to the next word, and code points after the last whole
 * word are tested one by one. */
#define DEFINE_SPACING(name, type)                                                  \
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
        uint64_t trailing = 0, indent = 0, run = 0, blanks = 0;                     \
        uint64_t last_space = 0, last_line = 0; /* the previous word's flags */     \
        Py_ssize_t i = 0;                                                           \
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

DEFINE_SPACING(spacing_ucs1, Py_UCS1)
DEFINE_SPACING(spacing_ucs2, Py_UCS2)
DEFINE_SPACING(spacing_ucs4, Py_UCS4)

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
