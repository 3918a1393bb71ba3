/* One-pass search for many short stems in a str: which lines hold each stem.
 *
 * stem_lines(text, stems) gives, for every stem of the tuple ``stems``, the
 * sorted indices of the lines of ``text`` (split on "\n") that hold it. The
 * text is read as if it started with an extra "\n", so a stem starting with
 * "\n" also matches at the start of the first line. A hit is listed under the
 * line where it starts; a stem starting with "\n" belongs to the line after
 * that newline. The pure-Python twin is
 * dedupe_news.boilerplate.strip._stem_lines_py (str.find per stem); both give
 * the same lists.
 *
 * The scan reads the str's PEP 393 data (1, 2 or 4 bytes per code point) in
 * place. Bitmaps over the low bytes of code point pairs turn most positions
 * of ordinary text away with one or two bit tests (see Filters); only
 * positions passing them compare stems.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

/* Low bytes of two code points: 16 bits, one bit of a filter each. */
#define PAIR_KEY(c0, c1) ((((uint32_t)(c0) & 0xFFu) << 8) | ((uint32_t)(c1) & 0xFFu))
#define FILTER_BYTES (1u << 13) /* 65536 bits */
#define HAS_BIT(filter, key) ((filter)[(key) >> 3] & (1u << ((key) & 7u)))

typedef struct {
    int kind;
    const void *data;
    Py_ssize_t length;
    uint32_t key;  /* PAIR_KEY of the first two code points (second taken as 0 if length 1) */
    uint32_t mask; /* bits of a position's PAIR_KEY to compare with key */
    Py_ssize_t last_line; /* last line listed, -1 before the first */
    PyObject *lines;      /* list of line indices */
} Stem;

/* The filters: a position passes if the low bytes of its first two code
 * points are those of some stem (``first``; a one-code-point stem lets any
 * second pass), and then if a one-code-point stem starts with its first low
 * byte (``single``) or the low bytes of its second and third code points are
 * those of some stem (``second``; a two-code-point stem lets any third pass). */
typedef struct {
    uint8_t first[FILTER_BYTES];
    uint8_t second[FILTER_BYTES];
    uint8_t single[32];
} Filters;

static inline void
filter_set(uint8_t *filter, uint32_t key)
{
    filter[key >> 3] |= (uint8_t)(1u << (key & 7u));
}

/* Whether ``stem`` occurs in the padded text at padded position ``at``
 * (padded[0] is the virtual "\n", padded[j] is text[j - 1]). */
static int
stem_at(const Stem *stem, int kind, const void *data, Py_ssize_t n, Py_ssize_t at)
{
    if (at + stem->length > n + 1) {
        return 0;
    }
    for (Py_ssize_t k = 0; k < stem->length; k++) {
        Py_ssize_t j = at + k;
        Py_UCS4 c = j == 0 ? (Py_UCS4)'\n' : PyUnicode_READ(kind, data, j - 1);
        if (c != PyUnicode_READ(stem->kind, stem->data, k)) {
            return 0;
        }
    }
    return 1;
}

/* List ``line`` under every stem occurring at padded position ``at``: only the
 * stems whose key agrees with ``key`` are compared, all of them if ``any``. */
static int
record_hits(Stem *stems, Py_ssize_t count, int any, uint32_t key, int kind, const void *data,
            Py_ssize_t n, Py_ssize_t at, Py_ssize_t line)
{
    for (Py_ssize_t s = 0; s < count; s++) {
        Stem *stem = &stems[s];
        if ((!any && (key & stem->mask) != stem->key) || stem->last_line == line
            || !stem_at(stem, kind, data, n, at)) {
            continue;
        }
        PyObject *index = PyLong_FromSsize_t(line);
        if (index == NULL) {
            return -1;
        }
        int failed = PyList_Append(stem->lines, index);
        Py_DECREF(index);
        if (failed) {
            return -1;
        }
        stem->last_line = line;
    }
    return 0;
}

/* The scan over text positions for one PEP 393 kind; the padded position of
 * text[i] is i + 1, and its line is the number of newlines in text[0..i],
 * counted only when a position passes the filters. The last two positions,
 * where the filters would read past the end, compare every stem. */
#define DEFINE_SCAN(NAME, UNIT)                                                                      \
    static Py_ssize_t NAME##_newlines(const UNIT *text, Py_ssize_t start, Py_ssize_t end)            \
    {                                                                                                \
        Py_ssize_t count = 0;                                                                        \
        for (Py_ssize_t i = start; i < end; i++) {                                                   \
            count += text[i] == '\n';                                                                \
        }                                                                                            \
        return count;                                                                                \
    }                                                                                                \
                                                                                                     \
    static int NAME(const UNIT *text, Py_ssize_t n, const Filters *filters, Stem *stems,             \
                    Py_ssize_t count, int kind)                                                      \
    {                                                                                                \
        Py_ssize_t line = 0, counted = 0, i = 0; /* line: newlines in text[0..counted) */            \
        for (; i + 2 < n; i++) {                                                                     \
            uint32_t key = PAIR_KEY(text[i], text[i + 1]);                                           \
            if (!HAS_BIT(filters->first, key)) {                                                     \
                continue;                                                                            \
            }                                                                                        \
            uint32_t next = PAIR_KEY(text[i + 1], text[i + 2]);                                      \
            if (!HAS_BIT(filters->second, next) && !HAS_BIT(filters->single, text[i] & 0xFFu)) {     \
                continue;                                                                            \
            }                                                                                        \
            line += NAME##_newlines(text, counted, i + 1);                                           \
            counted = i + 1;                                                                         \
            if (record_hits(stems, count, 0, key, kind, text, n, i + 1, line) < 0) {                 \
                return -1;                                                                           \
            }                                                                                        \
        }                                                                                            \
        for (; i < n; i++) {                                                                         \
            line += NAME##_newlines(text, counted, i + 1);                                           \
            counted = i + 1;                                                                         \
            if (record_hits(stems, count, 1, 0, kind, text, n, i + 1, line) < 0) {                   \
                return -1;                                                                           \
            }                                                                                        \
        }                                                                                            \
        return 0;                                                                                    \
    }

DEFINE_SCAN(scan_ucs1, Py_UCS1)
DEFINE_SCAN(scan_ucs2, Py_UCS2)
DEFINE_SCAN(scan_ucs4, Py_UCS4)

/* Fill ``stems`` from the tuple and mark their code points in ``filters``. */
static int
prepare_stems(PyObject *tuple, Stem *stems, Py_ssize_t count, Filters *filters)
{
    for (Py_ssize_t s = 0; s < count; s++) {
        PyObject *item = PyTuple_GET_ITEM(tuple, s);
        if (!PyUnicode_Check(item)) {
            PyErr_Format(PyExc_TypeError, "stem %zd is not a str", s);
            return -1;
        }
#if PY_VERSION_HEX < 0x030C0000
        if (PyUnicode_READY(item) < 0) {
            return -1;
        }
#endif
        Stem *stem = &stems[s];
        stem->kind = PyUnicode_KIND(item);
        stem->data = PyUnicode_DATA(item);
        stem->length = PyUnicode_GET_LENGTH(item);
        stem->last_line = -1;
        stem->lines = NULL;
        if (stem->length == 0) {
            PyErr_Format(PyExc_ValueError, "stem %zd is empty", s);
            return -1;
        }
        Py_UCS4 c0 = PyUnicode_READ(stem->kind, stem->data, 0);
        if (stem->length == 1) {
            stem->key = PAIR_KEY(c0, 0);
            stem->mask = 0xFF00u;
            filter_set(filters->single, c0 & 0xFFu);
            for (uint32_t c1 = 0; c1 < 256; c1++) {
                filter_set(filters->first, PAIR_KEY(c0, c1));
            }
            continue;
        }
        Py_UCS4 c1 = PyUnicode_READ(stem->kind, stem->data, 1);
        stem->key = PAIR_KEY(c0, c1);
        stem->mask = 0xFFFFu;
        filter_set(filters->first, stem->key);
        if (stem->length == 2) {
            for (uint32_t c2 = 0; c2 < 256; c2++) {
                filter_set(filters->second, PAIR_KEY(c1, c2));
            }
        }
        else {
            filter_set(filters->second, PAIR_KEY(c1, PyUnicode_READ(stem->kind, stem->data, 2)));
        }
    }
    return 0;
}

/* Stems prepared once by compile_stems: their records and filters, and the
 * tuple that keeps the stem strs (which the records point into) alive. Read
 * only after creation; every scan copies the records it updates. */
typedef struct {
    PyObject *tuple;
    Py_ssize_t count;
    Stem *stems;
    Filters filters;
} Compiled;

#define COMPILED_NAME "dedupe_news._textscan.Stems"

static void
compiled_free(PyObject *capsule)
{
    Compiled *compiled = PyCapsule_GetPointer(capsule, COMPILED_NAME);
    if (compiled != NULL) {
        Py_XDECREF(compiled->tuple);
        PyMem_Free(compiled->stems);
        PyMem_Free(compiled);
    }
}

static PyObject *
compile_stems(PyObject *module, PyObject *args)
{
    PyObject *tuple;
    (void)module;
    if (!PyArg_ParseTuple(args, "O!:compile_stems", &PyTuple_Type, &tuple)) {
        return NULL;
    }
    Py_ssize_t count = PyTuple_GET_SIZE(tuple);
    Compiled *compiled = PyMem_Calloc(1, sizeof(Compiled));
    if (compiled == NULL) {
        return PyErr_NoMemory();
    }
    compiled->stems = PyMem_New(Stem, count ? count : 1);
    if (compiled->stems == NULL) {
        PyMem_Free(compiled);
        return PyErr_NoMemory();
    }
    if (prepare_stems(tuple, compiled->stems, count, &compiled->filters) < 0) {
        PyMem_Free(compiled->stems);
        PyMem_Free(compiled);
        return NULL;
    }
    compiled->count = count;
    Py_INCREF(tuple);
    compiled->tuple = tuple;
    PyObject *capsule = PyCapsule_New(compiled, COMPILED_NAME, compiled_free);
    if (capsule == NULL) {
        Py_DECREF(tuple);
        PyMem_Free(compiled->stems);
        PyMem_Free(compiled);
    }
    return capsule;
}

/* Scan ``text`` for the prepared ``stems`` (their lists are made here). */
static PyObject *
scan_text(PyObject *text, Stem *stems, Py_ssize_t count, const Filters *filters)
{
    PyObject *result = PyTuple_New(count);
    if (result == NULL) {
        return NULL;
    }
    for (Py_ssize_t s = 0; s < count; s++) {
        stems[s].last_line = -1;
        stems[s].lines = PyList_New(0);
        if (stems[s].lines == NULL) {
            Py_DECREF(result);
            return NULL;
        }
        PyTuple_SET_ITEM(result, s, stems[s].lines); /* the tuple owns it */
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    /* padded position 0, the virtual "\n" before the text, starts line 0 */
    int failed = record_hits(stems, count, 1, 0, kind, data, n, 0, 0) < 0;
    if (!failed) {
        switch (kind) {
        case PyUnicode_1BYTE_KIND:
            failed = scan_ucs1((const Py_UCS1 *)data, n, filters, stems, count, kind) < 0;
            break;
        case PyUnicode_2BYTE_KIND:
            failed = scan_ucs2((const Py_UCS2 *)data, n, filters, stems, count, kind) < 0;
            break;
        default:
            failed = scan_ucs4((const Py_UCS4 *)data, n, filters, stems, count, kind) < 0;
            break;
        }
    }
    if (failed) {
        Py_DECREF(result);
        return NULL;
    }
    return result;
}

static PyObject *
stem_lines(PyObject *module, PyObject *args)
{
    PyObject *text, *given;
    (void)module;
    if (!PyArg_ParseTuple(args, "UO:stem_lines", &text, &given)) {
        return NULL;
    }
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(text) < 0) {
        return NULL;
    }
#endif
    if (PyCapsule_IsValid(given, COMPILED_NAME)) {
        const Compiled *compiled = PyCapsule_GetPointer(given, COMPILED_NAME);
        Py_ssize_t count = compiled->count;
        Stem *stems = PyMem_New(Stem, count ? count : 1);
        if (stems == NULL) {
            return PyErr_NoMemory();
        }
        memcpy(stems, compiled->stems, sizeof(Stem) * (size_t)count);
        PyObject *result = scan_text(text, stems, count, &compiled->filters);
        PyMem_Free(stems);
        return result;
    }
    if (!PyTuple_Check(given)) {
        PyErr_SetString(PyExc_TypeError, "stem_lines() argument 2 must be a tuple of str or compile_stems()'s result");
        return NULL;
    }
    Py_ssize_t count = PyTuple_GET_SIZE(given);
    Stem *stems = PyMem_New(Stem, count ? count : 1);
    Filters *filters = PyMem_Calloc(1, sizeof(Filters));
    PyObject *result = NULL;
    if (stems == NULL || filters == NULL) {
        PyErr_NoMemory();
    }
    else if (prepare_stems(given, stems, count, filters) == 0) {
        result = scan_text(text, stems, count, filters);
    }
    PyMem_Free(filters);
    PyMem_Free(stems);
    return result;
}

static PyMethodDef methods[] = {
    {"stem_lines", stem_lines, METH_VARARGS,
     "stem_lines(text, stems, /)\n--\n\n"
     "For each stem of the tuple, the sorted indices of the lines of text holding it\n"
     "(text read with a leading newline; a hit belongs to the line where it starts).\n"
     "stems may also be compile_stems(stems)'s result, which skips preparing them."},
    {"compile_stems", compile_stems, METH_VARARGS,
     "compile_stems(stems, /)\n--\n\n"
     "The tuple of stems prepared once for stem_lines (an opaque, read-only object)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef_Slot slots[] = {
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "dedupe_news._textscan",
    .m_doc = "One-pass stem search over the lines of a str (see dedupe_news.boilerplate.strip).",
    .m_size = 0,
    .m_methods = methods,
    .m_slots = slots,
};

PyMODINIT_FUNC
PyInit__textscan(void)
{
    return PyModuleDef_Init(&module_def);
}
