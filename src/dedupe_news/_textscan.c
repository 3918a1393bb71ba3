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
 * compile_stems(stems, groups) merges the lists of stems given the same
 * group: stem_lines then gives one list per group.
 *
 * The scan reads the str's PEP 393 data (1, 2 or 4 bytes per code point) in
 * place. Bitmaps over the low bytes of code point pairs turn most positions
 * of ordinary text away with one or two bit tests (see Filters); only
 * positions passing them compare stems.
 *
 * line_info(text, gate) gives, for every line, its word count, whether it
 * passes the first tests of dedupe_news.boilerplate.rules.line_family (a
 * line failing them is no widget) and whether it may open a comment or
 * related section; the Python twins are
 * dedupe_news.boilerplate.features.line_words,
 * dedupe_news.boilerplate.rules.may_be_widget and may_start_section.
 *
 * classify_lines and body_span are the per-line loops of the structural
 * classifier (dedupe_news.boilerplate.features.classify and body_span,
 * whose Python loops are the twins).
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
    Py_ssize_t group; /* the list its lines go to */
} Stem;

/* One scan's answer: per group, the list of the lines where one of its stems
 * occurs (sorted, each line once: lines only grow during a scan) and the
 * last line listed (-1 before the first). */
typedef struct {
    PyObject **lists;
    Py_ssize_t *last;
} Hits;

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

/* The stems grouped by key, so that a position passing the filters compares
 * only the stems its key can start: ``keys`` holds the distinct keys of the
 * stems of two or more code points, sorted; the stems of ``keys[k]`` are
 * ``order[from[k]:from[k + 1]]``; the one-code-point stems (any second code
 * point) are ``order[from[nkeys]:count]``. */
typedef struct {
    Py_ssize_t nkeys;
    uint32_t *keys;       /* nkeys */
    Py_ssize_t *from;     /* nkeys + 1 */
    Py_ssize_t *order;    /* count */
} Buckets;

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

/* List ``line`` under the group of ``stem`` if the stem occurs at padded
 * position ``at`` (and the group does not list the line yet). */
static inline int
record_hit(const Stem *stem, Hits *hits, int kind, const void *data, Py_ssize_t n, Py_ssize_t at,
           Py_ssize_t line)
{
    if (hits->last[stem->group] == line || !stem_at(stem, kind, data, n, at)) {
        return 0;
    }
    PyObject *index = PyLong_FromSsize_t(line);
    if (index == NULL) {
        return -1;
    }
    int failed = PyList_Append(hits->lists[stem->group], index);
    Py_DECREF(index);
    if (failed) {
        return -1;
    }
    hits->last[stem->group] = line;
    return 0;
}

/* List ``line`` under every stem occurring at padded position ``at``: all
 * stems if ``buckets`` is NULL, else only the stems whose key is ``key``
 * and the one-code-point stems starting with its first low byte. */
static int
record_hits(const Stem *stems, Py_ssize_t count, const Buckets *buckets, Hits *hits, uint32_t key,
            int kind, const void *data, Py_ssize_t n, Py_ssize_t at, Py_ssize_t line)
{
    if (buckets == NULL) {
        for (Py_ssize_t s = 0; s < count; s++) {
            if (record_hit(&stems[s], hits, kind, data, n, at, line) < 0) {
                return -1;
            }
        }
        return 0;
    }
    Py_ssize_t low = 0, high = buckets->nkeys; /* binary search for key among the sorted keys */
    while (low < high) {
        Py_ssize_t mid = (low + high) / 2;
        if (buckets->keys[mid] < key) {
            low = mid + 1;
        }
        else {
            high = mid;
        }
    }
    if (low < buckets->nkeys && buckets->keys[low] == key) {
        for (Py_ssize_t k = buckets->from[low]; k < buckets->from[low + 1]; k++) {
            if (record_hit(&stems[buckets->order[k]], hits, kind, data, n, at, line) < 0) {
                return -1;
            }
        }
    }
    for (Py_ssize_t k = buckets->from[buckets->nkeys]; k < count; k++) {
        const Stem *stem = &stems[buckets->order[k]];
        if ((key & stem->mask) == stem->key && record_hit(stem, hits, kind, data, n, at, line) < 0) {
            return -1;
        }
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
    static int NAME(const UNIT *text, Py_ssize_t n, const Filters *filters, const Buckets *buckets, \
                    const Stem *stems, Py_ssize_t count, Hits *hits, int kind)                       \
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
            if (record_hits(stems, count, buckets, hits, key, kind, text, n, i + 1, line) < 0) {     \
                return -1;                                                                           \
            }                                                                                        \
        }                                                                                            \
        for (; i < n; i++) {                                                                         \
            line += NAME##_newlines(text, counted, i + 1);                                           \
            counted = i + 1;                                                                         \
            if (record_hits(stems, count, NULL, hits, 0, kind, text, n, i + 1, line) < 0) {          \
                return -1;                                                                           \
            }                                                                                        \
        }                                                                                            \
        return 0;                                                                                    \
    }

DEFINE_SCAN(scan_ucs1, Py_UCS1)
DEFINE_SCAN(scan_ucs2, Py_UCS2)
DEFINE_SCAN(scan_ucs4, Py_UCS4)

/* Fill ``stems`` from the tuple and mark their code points in ``filters``;
 * ``groups`` (a tuple of ints as long as ``tuple``, or NULL: one group per
 * stem) gives each stem's group. Sets ``*ngroups`` to one more than the
 * largest group. */
static int
prepare_stems(PyObject *tuple, PyObject *groups, Stem *stems, Py_ssize_t count, Filters *filters,
              Py_ssize_t *ngroups)
{
    if (groups != NULL && PyTuple_GET_SIZE(groups) != count) {
        PyErr_SetString(PyExc_ValueError, "groups must give one group per stem");
        return -1;
    }
    *ngroups = groups == NULL ? count : 0;
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
        if (stem->length == 0) {
            PyErr_Format(PyExc_ValueError, "stem %zd is empty", s);
            return -1;
        }
        stem->group = s;
        if (groups != NULL) {
            PyObject *group = PyTuple_GET_ITEM(groups, s);
            stem->group = PyLong_Check(group) ? PyLong_AsSsize_t(group) : -1;
            if (stem->group < 0 || stem->group >= PY_SSIZE_T_MAX / 2) {
                if (!PyErr_Occurred() || PyErr_ExceptionMatches(PyExc_OverflowError)) {
                    PyErr_Clear();
                    PyErr_Format(PyExc_ValueError, "group %zd is not a small int >= 0", s);
                }
                return -1;
            }
            if (stem->group >= *ngroups) {
                *ngroups = stem->group + 1;
            }
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

/* Sort order of stems for build_buckets: one-code-point stems last, the
 * others by key (qsort's comparison reads the stems through this context). */
typedef struct {
    const Stem *stem;
    Py_ssize_t index;
} Ranked;

static int
ranked_compare(const void *a, const void *b)
{
    const Ranked *x = a, *y = b;
    int x_single = x->stem->mask != 0xFFFFu, y_single = y->stem->mask != 0xFFFFu;
    if (x_single != y_single) {
        return x_single - y_single;
    }
    if (x->stem->key != y->stem->key) {
        return x->stem->key < y->stem->key ? -1 : 1;
    }
    return x->index < y->index ? -1 : (x->index > y->index);
}

static void
free_buckets(Buckets *buckets)
{
    PyMem_Free(buckets->keys);
    PyMem_Free(buckets->from);
    PyMem_Free(buckets->order);
    buckets->keys = NULL;
    buckets->from = NULL;
    buckets->order = NULL;
}

/* Group the prepared ``stems`` by key (see Buckets). */
static int
build_buckets(const Stem *stems, Py_ssize_t count, Buckets *buckets)
{
    Ranked *ranked = PyMem_New(Ranked, count ? count : 1);
    buckets->keys = PyMem_New(uint32_t, count ? count : 1);
    buckets->from = PyMem_New(Py_ssize_t, count + 1);
    buckets->order = PyMem_New(Py_ssize_t, count ? count : 1);
    buckets->nkeys = 0;
    if (ranked == NULL || buckets->keys == NULL || buckets->from == NULL || buckets->order == NULL) {
        PyMem_Free(ranked);
        free_buckets(buckets);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t s = 0; s < count; s++) {
        ranked[s].stem = &stems[s];
        ranked[s].index = s;
    }
    qsort(ranked, (size_t)count, sizeof(Ranked), ranked_compare);
    Py_ssize_t k = 0;
    for (; k < count && ranked[k].stem->mask == 0xFFFFu; k++) {
        if (buckets->nkeys == 0 || buckets->keys[buckets->nkeys - 1] != ranked[k].stem->key) {
            buckets->keys[buckets->nkeys] = ranked[k].stem->key;
            buckets->from[buckets->nkeys] = k;
            buckets->nkeys++;
        }
        buckets->order[k] = ranked[k].index;
    }
    buckets->from[buckets->nkeys] = k; /* the one-code-point stems follow */
    for (; k < count; k++) {
        buckets->order[k] = ranked[k].index;
    }
    PyMem_Free(ranked);
    return 0;
}

/* Stems prepared once by compile_stems: their records, filters and buckets,
 * and the tuple that keeps the stem strs (which the records point into)
 * alive. Read only after creation; every scan copies the records it updates. */
typedef struct {
    PyObject *tuple;
    Py_ssize_t count;
    Py_ssize_t ngroups;
    Stem *stems;
    Filters filters;
    Buckets buckets;
} Compiled;

#define COMPILED_NAME "dedupe_news._textscan.Stems"

static void
compiled_dealloc(Compiled *compiled)
{
    Py_XDECREF(compiled->tuple);
    free_buckets(&compiled->buckets);
    PyMem_Free(compiled->stems);
    PyMem_Free(compiled);
}

static void
compiled_free(PyObject *capsule)
{
    Compiled *compiled = PyCapsule_GetPointer(capsule, COMPILED_NAME);
    if (compiled != NULL) {
        compiled_dealloc(compiled);
    }
}

/* A Compiled for the tuple ``tuple`` and ``groups`` (see prepare_stems;
 * NULL with an exception set on failure). */
static Compiled *
compile_tuple(PyObject *tuple, PyObject *groups)
{
    Py_ssize_t count = PyTuple_GET_SIZE(tuple);
    Compiled *compiled = PyMem_Calloc(1, sizeof(Compiled));
    if (compiled == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    compiled->stems = PyMem_New(Stem, count ? count : 1);
    if (compiled->stems == NULL) {
        PyErr_NoMemory();
        compiled_dealloc(compiled);
        return NULL;
    }
    if (prepare_stems(tuple, groups, compiled->stems, count, &compiled->filters, &compiled->ngroups) < 0
        || build_buckets(compiled->stems, count, &compiled->buckets) < 0) {
        compiled_dealloc(compiled);
        return NULL;
    }
    compiled->count = count;
    Py_INCREF(tuple);
    compiled->tuple = tuple;
    return compiled;
}

static PyObject *
compile_stems(PyObject *module, PyObject *args)
{
    PyObject *tuple, *groups = NULL;
    (void)module;
    if (!PyArg_ParseTuple(args, "O!|O!:compile_stems", &PyTuple_Type, &tuple, &PyTuple_Type, &groups)) {
        return NULL;
    }
    Compiled *compiled = compile_tuple(tuple, groups);
    if (compiled == NULL) {
        return NULL;
    }
    PyObject *capsule = PyCapsule_New(compiled, COMPILED_NAME, compiled_free);
    if (capsule == NULL) {
        compiled_dealloc(compiled);
    }
    return capsule;
}

/* Scan ``text`` for the stems of ``compiled``: one list of lines per group. */
static PyObject *
scan_text(PyObject *text, const Compiled *compiled)
{
    Py_ssize_t count = compiled->count, ngroups = compiled->ngroups;
    Hits hits;
    hits.lists = PyMem_New(PyObject *, ngroups ? ngroups : 1);
    hits.last = PyMem_New(Py_ssize_t, ngroups ? ngroups : 1);
    PyObject *result = NULL;
    if (hits.lists == NULL || hits.last == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    result = PyTuple_New(ngroups);
    if (result == NULL) {
        goto done;
    }
    for (Py_ssize_t g = 0; g < ngroups; g++) {
        hits.last[g] = -1;
        hits.lists[g] = PyList_New(0);
        if (hits.lists[g] == NULL) {
            Py_CLEAR(result);
            goto done;
        }
        PyTuple_SET_ITEM(result, g, hits.lists[g]); /* the tuple owns it */
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const Filters *filters = &compiled->filters;
    const Buckets *buckets = &compiled->buckets;
    const Stem *stems = compiled->stems;
    /* padded position 0, the virtual "\n" before the text, starts line 0 */
    int failed = record_hits(stems, count, NULL, &hits, 0, kind, data, n, 0, 0) < 0;
    if (!failed) {
        switch (kind) {
        case PyUnicode_1BYTE_KIND:
            failed = scan_ucs1((const Py_UCS1 *)data, n, filters, buckets, stems, count, &hits, kind) < 0;
            break;
        case PyUnicode_2BYTE_KIND:
            failed = scan_ucs2((const Py_UCS2 *)data, n, filters, buckets, stems, count, &hits, kind) < 0;
            break;
        default:
            failed = scan_ucs4((const Py_UCS4 *)data, n, filters, buckets, stems, count, &hits, kind) < 0;
            break;
        }
    }
    if (failed) {
        Py_CLEAR(result);
    }
done:
    PyMem_Free(hits.lists);
    PyMem_Free(hits.last);
    return result;
}

static PyObject *
stem_lines(PyObject *module, PyObject *args)
{
    PyObject *text, *given, *groups = NULL;
    (void)module;
    if (!PyArg_ParseTuple(args, "UO|O!:stem_lines", &text, &given, &PyTuple_Type, &groups)) {
        return NULL;
    }
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(text) < 0) {
        return NULL;
    }
#endif
    if (PyCapsule_IsValid(given, COMPILED_NAME)) {
        if (groups != NULL) {
            PyErr_SetString(PyExc_TypeError, "stem_lines() takes groups only with a tuple of stems");
            return NULL;
        }
        return scan_text(text, PyCapsule_GetPointer(given, COMPILED_NAME));
    }
    if (!PyTuple_Check(given)) {
        PyErr_SetString(PyExc_TypeError, "stem_lines() argument 2 must be a tuple of str or compile_stems()'s result");
        return NULL;
    }
    Compiled *compiled = compile_tuple(given, groups);
    if (compiled == NULL) {
        return NULL;
    }
    PyObject *result = scan_text(text, compiled);
    compiled_dealloc(compiled);
    return result;
}

/* The first gate of line_family, for line_info: a line can be a widget only
 * if, after its leading edge characters, it is empty, starts with a
 * character that is neither an ASCII letter nor a quote, or its first word
 * (up to a space, at most ``span`` code points) is not all ASCII, ends with
 * ":", or is one of the gate's words in lower case with fewer than
 * ``limit + 4`` spaces in the line and, for words that need one, one of
 * their second words next (the word up to a space in the 23 code points
 * after the first space; a non-ASCII one may be any). */
typedef struct {
    Py_ssize_t count;
    char **words;         /* sorted (strcmp), lower-case ASCII, NUL-terminated; "first second" for pairs */
    Py_ssize_t *limits;   /* per word */
    char *needs;          /* per word: 1 if a second word must follow it */
    Py_UCS4 *edges;       /* edge characters */
    Py_ssize_t nedges;
    Py_UCS4 *quotes;      /* characters a quotation starts with */
    Py_ssize_t nquotes;
    Py_ssize_t span;      /* longest first word looked at */
    char **heads;         /* words a section header can start with: sorted, lower-case ASCII */
    Py_ssize_t nheads;
} Gate;

#define GATE_SECOND_SPAN 23

#define GATE_NAME "dedupe_news._textscan.Gate"
#define GATE_WORD_MAX 96

static void
gate_dealloc(Gate *gate)
{
    if (gate->words != NULL) {
        for (Py_ssize_t k = 0; k < gate->count; k++) {
            PyMem_Free(gate->words[k]);
        }
    }
    PyMem_Free(gate->words);
    PyMem_Free(gate->limits);
    PyMem_Free(gate->needs);
    PyMem_Free(gate->edges);
    PyMem_Free(gate->quotes);
    if (gate->heads != NULL) {
        for (Py_ssize_t k = 0; k < gate->nheads; k++) {
            PyMem_Free(gate->heads[k]);
        }
    }
    PyMem_Free(gate->heads);
    PyMem_Free(gate);
}

static void
gate_free(PyObject *capsule)
{
    Gate *gate = PyCapsule_GetPointer(capsule, GATE_NAME);
    if (gate != NULL) {
        gate_dealloc(gate);
    }
}

typedef struct {
    char *word;
    Py_ssize_t limit;
    char needs;
} GateEntry;

static int
gate_entry_compare(const void *a, const void *b)
{
    return strcmp(((const GateEntry *)a)->word, ((const GateEntry *)b)->word);
}

/* Whether the ``length`` UTF-8 bytes at ``word`` are lower-case ASCII without spaces. */
static int
is_lower_ascii(const char *word, Py_ssize_t length)
{
    for (Py_ssize_t j = 0; j < length; j++) {
        unsigned char c = (unsigned char)word[j];
        if (c >= 128 || c == ' ' || (c >= 'A' && c <= 'Z')) {
            return 0;
        }
    }
    return 1;
}

/* Add ``first`` (or "first second" if ``second`` is not NULL) to ``entries``
 * if it is lower-case ASCII without spaces (others can never equal an ASCII
 * line's words: skipped). */
static int
gate_add(GateEntry *entries, Py_ssize_t *count, PyObject *first, PyObject *second, Py_ssize_t limit, char needs)
{
    Py_ssize_t length, extra = 0;
    const char *utf8 = PyUnicode_AsUTF8AndSize(first, &length), *more = NULL;
    if (utf8 == NULL) {
        return -1;
    }
    if (second != NULL) {
        if (!PyUnicode_Check(second)) {
            PyErr_SetString(PyExc_TypeError, "second words must be str");
            return -1;
        }
        more = PyUnicode_AsUTF8AndSize(second, &extra);
        if (more == NULL) {
            return -1;
        }
    }
    if (length == 0 || length + 1 + extra >= GATE_WORD_MAX || !is_lower_ascii(utf8, length)
        || (more != NULL && !is_lower_ascii(more, extra))) {
        return 0;
    }
    char *word = PyMem_Malloc((size_t)(length + 1 + extra + 1));
    if (word == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    memcpy(word, utf8, (size_t)length);
    if (more != NULL) {
        word[length] = ' ';
        memcpy(word + length + 1, more, (size_t)extra);
        word[length + 1 + extra] = '\0';
    }
    else {
        word[length] = '\0';
    }
    entries[*count].word = word;
    entries[*count].limit = limit;
    entries[*count].needs = needs;
    (*count)++;
    return 0;
}

/* Fill ``gate`` from {word: (limit, second words or None)}. */
static int
gate_fill(Gate *gate, PyObject *table, PyObject *quotes, PyObject *edges)
{
    Py_ssize_t size = 0, pos = 0, count = 0;
    PyObject *key, *value;
    while (PyDict_Next(table, &pos, &key, &value)) {
        if (!PyUnicode_Check(key) || !PyTuple_Check(value) || PyTuple_GET_SIZE(value) != 2) {
            PyErr_SetString(PyExc_TypeError, "compile_gate() wants a dict of str to (limit, second words or None)");
            return -1;
        }
        PyObject *seconds = PyTuple_GET_ITEM(value, 1);
        Py_ssize_t more = seconds == Py_None ? 0 : PyObject_Size(seconds);
        if (more < 0) {
            return -1;
        }
        size += 1 + more;
    }
    GateEntry *entries = PyMem_New(GateEntry, size ? size : 1);
    if (entries == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    pos = 0;
    while (PyDict_Next(table, &pos, &key, &value)) {
        Py_ssize_t limit = PyLong_AsSsize_t(PyTuple_GET_ITEM(value, 0));
        PyObject *seconds = PyTuple_GET_ITEM(value, 1);
        if ((limit == -1 && PyErr_Occurred()) || gate_add(entries, &count, key, NULL, limit, seconds != Py_None) < 0) {
            goto failed;
        }
        if (seconds == Py_None) {
            continue;
        }
        PyObject *iterator = PyObject_GetIter(seconds), *second;
        if (iterator == NULL) {
            goto failed;
        }
        while ((second = PyIter_Next(iterator)) != NULL) {
            int added = count < size ? gate_add(entries, &count, key, second, 0, 0) : 0;
            Py_DECREF(second);
            if (added < 0) {
                Py_DECREF(iterator);
                goto failed;
            }
        }
        Py_DECREF(iterator);
        if (PyErr_Occurred()) {
            goto failed;
        }
    }
    qsort(entries, (size_t)count, sizeof(GateEntry), gate_entry_compare);
    gate->words = PyMem_New(char *, count ? count : 1);
    gate->limits = PyMem_New(Py_ssize_t, count ? count : 1);
    gate->needs = PyMem_Malloc(count ? (size_t)count : 1);
    gate->nedges = PyUnicode_GET_LENGTH(edges);
    gate->edges = PyUnicode_AsUCS4Copy(edges);
    gate->nquotes = PyUnicode_GET_LENGTH(quotes);
    gate->quotes = PyUnicode_AsUCS4Copy(quotes);
    if (gate->words == NULL || gate->limits == NULL || gate->needs == NULL || gate->edges == NULL
        || gate->quotes == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_NoMemory();
        }
        goto failed;
    }
    for (Py_ssize_t k = 0; k < count; k++) {
        gate->words[k] = entries[k].word;
        gate->limits[k] = entries[k].limit;
        gate->needs[k] = entries[k].needs;
    }
    gate->count = count;
    PyMem_Free(entries);
    return 0;
failed:
    for (Py_ssize_t k = 0; k < count; k++) {
        PyMem_Free(entries[k].word);
    }
    PyMem_Free(entries);
    return -1;
}

static int
compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Fill ``gate->heads`` from an iterable of str (words that are not short,
 * lower-case ASCII and without spaces can never equal a line's lower-case
 * ASCII first word: skipped). */
static int
heads_fill(Gate *gate, PyObject *words)
{
    PyObject *sequence = PySequence_Fast(words, "section words must be iterable");
    if (sequence == NULL) {
        return -1;
    }
    Py_ssize_t size = PySequence_Fast_GET_SIZE(sequence);
    gate->heads = PyMem_Calloc(size ? (size_t)size : 1, sizeof(char *));
    if (gate->heads == NULL) {
        Py_DECREF(sequence);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t k = 0; k < size; k++) {
        PyObject *item = PySequence_Fast_GET_ITEM(sequence, k);
        Py_ssize_t length;
        const char *utf8 = PyUnicode_Check(item) ? PyUnicode_AsUTF8AndSize(item, &length) : NULL;
        if (utf8 == NULL) {
            if (!PyErr_Occurred()) {
                PyErr_Format(PyExc_TypeError, "section word %zd is not a str", k);
            }
            Py_DECREF(sequence);
            return -1;
        }
        if (length == 0 || length >= GATE_WORD_MAX || !is_lower_ascii(utf8, length)) {
            continue; /* a line's lower-case ASCII first word never equals it */
        }
        char *word = PyMem_Malloc((size_t)length + 1);
        if (word == NULL) {
            Py_DECREF(sequence);
            PyErr_NoMemory();
            return -1;
        }
        memcpy(word, utf8, (size_t)length + 1);
        gate->heads[gate->nheads++] = word;
    }
    Py_DECREF(sequence);
    qsort(gate->heads, (size_t)gate->nheads, sizeof(char *), compare_strings);
    return 0;
}

/* Whether the lower-case ASCII ``word`` is one of the gate's section words. */
static int
is_head_word(const Gate *gate, const char *word)
{
    return bsearch(&word, gate->heads, (size_t)gate->nheads, sizeof(char *), compare_strings) != NULL;
}

static PyObject *
compile_gate(PyObject *module, PyObject *args)
{
    PyObject *table, *quotes, *edges, *heads;
    Py_ssize_t span;
    (void)module;
    if (!PyArg_ParseTuple(args, "O!UUnO:compile_gate", &PyDict_Type, &table, &quotes, &edges, &span, &heads)) {
        return NULL;
    }
    if (span < 1 || span > GATE_WORD_MAX - GATE_SECOND_SPAN - 3) { /* "first second\0" must fit a word buffer */
        PyErr_Format(PyExc_ValueError, "span must be between 1 and %d", GATE_WORD_MAX - GATE_SECOND_SPAN - 3);
        return NULL;
    }
    Gate *gate = PyMem_Calloc(1, sizeof(Gate));
    if (gate == NULL) {
        return PyErr_NoMemory();
    }
    gate->span = span;
    if (gate_fill(gate, table, quotes, edges) < 0 || heads_fill(gate, heads) < 0) {
        gate_dealloc(gate);
        return NULL;
    }
    PyObject *capsule = PyCapsule_New(gate, GATE_NAME, gate_free);
    if (capsule == NULL) {
        gate_dealloc(gate);
    }
    return capsule;
}

/* The position of the lower-case ASCII ``word`` in ``gate``, or -1 if absent. */
static Py_ssize_t
gate_find(const Gate *gate, const char *word)
{
    Py_ssize_t low = 0, high = gate->count;
    while (low < high) {
        Py_ssize_t mid = (low + high) / 2;
        int order = strcmp(gate->words[mid], word);
        if (order == 0) {
            return mid;
        }
        if (order < 0) {
            low = mid + 1;
        }
        else {
            high = mid;
        }
    }
    return -1;
}

static inline int
is_one_of(const Py_UCS4 *chars, Py_ssize_t count, Py_UCS4 c)
{
    for (Py_ssize_t k = 0; k < count; k++) {
        if (chars[k] == c) {
            return 1;
        }
    }
    return 0;
}

/* Per line: its word count (spaces + 1, 0 if empty), whether it passes
 * ``gate`` and whether it may be a section header (one PEP 393 kind);
 * ``*lines`` is set to the number of lines. */
#define DEFINE_INFO(NAME, UNIT)                                                                      \
    static int NAME(const UNIT *text, Py_ssize_t n, const Gate *gate, PyObject *counts,              \
                    char *flags, char *heads, Py_ssize_t *lines)                                     \
    {                                                                                                \
        Py_ssize_t start = 0, line = 0;                                                              \
        for (;; line++) {                                                                            \
            Py_ssize_t end = start, spaces = 0;                                                      \
            while (end + 16 <= n) { /* 16 code points at a time while no newline is among them */     \
                int newline = 0, blanks = 0;                                                         \
                for (int k = 0; k < 16; k++) {                                                       \
                    newline |= text[end + k] == '\n';                                                \
                    blanks += text[end + k] == ' ';                                                  \
                }                                                                                    \
                if (newline) {                                                                       \
                    break;                                                                           \
                }                                                                                    \
                spaces += blanks;                                                                    \
                end += 16;                                                                           \
            }                                                                                        \
            while (end < n && text[end] != '\n') {                                                   \
                spaces += text[end] == ' ';                                                          \
                end++;                                                                               \
            }                                                                                        \
            PyObject *words = PyLong_FromSsize_t(end > start ? spaces + 1 : 0);                      \
            if (words == NULL || PyList_Append(counts, words) < 0) {                                 \
                Py_XDECREF(words);                                                                   \
                return -1;                                                                           \
            }                                                                                        \
            Py_DECREF(words);                                                                        \
            flags[line] = end > start && line_passes_##NAME(text, start, end, spaces, gate);         \
            heads[line] = end > start && line_may_head_##NAME(text, start, end, gate);               \
            if (end >= n) {                                                                          \
                *lines = line + 1;                                                                   \
                return 0;                                                                            \
            }                                                                                        \
            start = end + 1;                                                                         \
        }                                                                                            \
    }

#define DEFINE_PASSES(NAME, UNIT)                                                                    \
    static int line_passes_##NAME(const UNIT *text, Py_ssize_t start, Py_ssize_t end,                \
                                  Py_ssize_t spaces, const Gate *gate)                               \
    {                                                                                                \
        Py_ssize_t j = start;                                                                        \
        while (j < end && is_one_of(gate->edges, gate->nedges, text[j])) {                           \
            j++;                                                                                     \
        }                                                                                            \
        if (j == end) {                                                                              \
            return 1;                                                                                \
        }                                                                                            \
        Py_UCS4 first = text[j];                                                                     \
        if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) {                  \
            return !is_one_of(gate->quotes, gate->nquotes, first);                                   \
        }                                                                                            \
        Py_ssize_t stop = end - j < gate->span ? end : j + gate->span, w = j;                        \
        while (w < stop && text[w] != ' ') {                                                         \
            w++;                                                                                     \
        }                                                                                            \
        char word[GATE_WORD_MAX];                                                                    \
        Py_ssize_t length = 0;                                                                       \
        for (Py_ssize_t k = j; k < w; k++) {                                                         \
            Py_UCS4 c = text[k];                                                                     \
            if (c >= 128) {                                                                          \
                return 1;                                                                            \
            }                                                                                        \
            word[length++] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);                     \
        }                                                                                            \
        word[length] = '\0';                                                                         \
        if (word[length - 1] == ':') {                                                               \
            return 1;                                                                                \
        }                                                                                            \
        Py_ssize_t found = gate_find(gate, word);                                                    \
        if (found < 0 || spaces >= gate->limits[found] + 4) {                                        \
            return 0;                                                                                \
        }                                                                                            \
        if (!gate->needs[found]) {                                                                   \
            return 1;                                                                                \
        }                                                                                            \
        if (w == stop) {                                                                             \
            return 0; /* no space in the first span code points: no second word */                   \
        }                                                                                            \
        word[length++] = ' ';                                                                        \
        Py_ssize_t last = end - (w + 1) < GATE_SECOND_SPAN ? end : w + 1 + GATE_SECOND_SPAN;         \
        for (Py_ssize_t k = w + 1; k < last && text[k] != ' '; k++) {                                \
            Py_UCS4 c = text[k];                                                                     \
            if (c >= 128) {                                                                          \
                return 1;                                                                            \
            }                                                                                        \
            word[length++] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);                     \
        }                                                                                            \
        word[length] = '\0';                                                                         \
        return gate_find(gate, word) >= 0;                                                           \
    }

/* Whether a line may open a section (the test of rules.may_start_section):
 * after its leading edge characters it starts with a digit or a non-ASCII
 * code point, or its first word in lower case, with or without its trailing
 * edge characters, is a section word (a non-ASCII or overlong word may be). */
#define DEFINE_HEADS(NAME, UNIT)                                                                     \
    static int line_may_head_##NAME(const UNIT *text, Py_ssize_t start, Py_ssize_t end,              \
                                    const Gate *gate)                                                \
    {                                                                                                \
        Py_ssize_t j = start;                                                                        \
        while (j < end && is_one_of(gate->edges, gate->nedges, text[j])) {                           \
            j++;                                                                                     \
        }                                                                                            \
        if (j == end) {                                                                              \
            return 0;                                                                                \
        }                                                                                            \
        Py_UCS4 first = text[j];                                                                     \
        if (first >= 128 || (first >= '0' && first <= '9')) {                                        \
            return 1;                                                                                \
        }                                                                                            \
        if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) {                  \
            return 0;                                                                                \
        }                                                                                            \
        Py_ssize_t w = j, cut;                                                                       \
        while (w < end && text[w] != ' ') {                                                          \
            if (text[w] >= 128) {                                                                    \
                return 1;                                                                            \
            }                                                                                        \
            w++;                                                                                     \
        }                                                                                            \
        for (cut = w; cut > j && is_one_of(gate->edges, gate->nedges, text[cut - 1]); cut--) {       \
        }                                                                                            \
        char word[GATE_WORD_MAX];                                                                    \
        Py_ssize_t shown = w - j < GATE_WORD_MAX ? w : cut; /* a longer word is no section word */ \
        if (shown - j >= GATE_WORD_MAX) {                                                            \
            return 0;                                                                                \
        }                                                                                            \
        for (Py_ssize_t k = j; k < shown; k++) {                                                     \
            Py_UCS4 c = text[k];                                                                     \
            word[k - j] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);                        \
        }                                                                                            \
        word[shown - j] = '\0';                                                                      \
        if (is_head_word(gate, word)) {                                                              \
            return 1;                                                                                \
        }                                                                                            \
        word[cut - j] = '\0'; /* without its trailing edge characters */                             \
        return cut < shown && is_head_word(gate, word);                                              \
    }

DEFINE_HEADS(info_ucs1, Py_UCS1)
DEFINE_HEADS(info_ucs2, Py_UCS2)
DEFINE_HEADS(info_ucs4, Py_UCS4)
DEFINE_PASSES(info_ucs1, Py_UCS1)
DEFINE_PASSES(info_ucs2, Py_UCS2)
DEFINE_PASSES(info_ucs4, Py_UCS4)
DEFINE_INFO(info_ucs1, Py_UCS1)
DEFINE_INFO(info_ucs2, Py_UCS2)
DEFINE_INFO(info_ucs4, Py_UCS4)

static PyObject *
line_info(PyObject *module, PyObject *args)
{
    PyObject *text, *given;
    (void)module;
    if (!PyArg_ParseTuple(args, "UO:line_info", &text, &given)) {
        return NULL;
    }
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(text) < 0) {
        return NULL;
    }
#endif
    const Gate *gate = PyCapsule_GetPointer(given, GATE_NAME);
    if (gate == NULL) {
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), lines = 0;
    PyObject *counts = PyList_New(0);
    PyObject *flags = PyByteArray_FromStringAndSize(NULL, n + 1); /* at most n + 1 lines */
    PyObject *heads = PyByteArray_FromStringAndSize(NULL, n + 1);
    int failed = counts == NULL || flags == NULL || heads == NULL;
    if (!failed) {
        const void *data = PyUnicode_DATA(text);
        char *widget_bits = PyByteArray_AS_STRING(flags), *head_bits = PyByteArray_AS_STRING(heads);
        switch (PyUnicode_KIND(text)) {
        case PyUnicode_1BYTE_KIND:
            failed = info_ucs1((const Py_UCS1 *)data, n, gate, counts, widget_bits, head_bits, &lines);
            break;
        case PyUnicode_2BYTE_KIND:
            failed = info_ucs2((const Py_UCS2 *)data, n, gate, counts, widget_bits, head_bits, &lines);
            break;
        default:
            failed = info_ucs4((const Py_UCS4 *)data, n, gate, counts, widget_bits, head_bits, &lines);
            break;
        }
    }
    if (failed || PyByteArray_Resize(flags, lines) < 0 || PyByteArray_Resize(heads, lines) < 0) {
        Py_XDECREF(counts);
        Py_XDECREF(flags);
        Py_XDECREF(heads);
        return NULL;
    }
    return Py_BuildValue("(NNN)", counts, flags, heads);
}

/* ---- The structural classifier's per-line loops (dedupe_news.boilerplate.features) ---- */

enum { CLASS_BLANK = -1, CLASS_BAD = 0, CLASS_SHORT = 1, CLASS_GOOD = 2 };

/* Whether the last code point of the non-empty str ``line`` is in ``chars``. */
static int
ends_with_one_of(PyObject *line, PyObject *chars)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(line);
    Py_UCS4 last = PyUnicode_READ_CHAR(line, n - 1);
    int kind = PyUnicode_KIND(chars);
    const void *data = PyUnicode_DATA(chars);
    for (Py_ssize_t k = 0, m = PyUnicode_GET_LENGTH(chars); k < m; k++) {
        if (PyUnicode_READ(kind, data, k) == last) {
            return 1;
        }
    }
    return 0;
}

/* str.isspace(line): non-empty and every code point is whitespace. */
static int
all_space(PyObject *line)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(line);
    int kind = PyUnicode_KIND(line);
    const void *data = PyUnicode_DATA(line);
    if (n == 0) {
        return 0;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        if (!Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k))) {
            return 0;
        }
    }
    return 1;
}

/* The class of one line (see classify_lines); -2 with an exception set on failure. */
static int
line_class(PyObject *line, Py_ssize_t n, PyObject *rule, Py_ssize_t prose_min_words, PyObject *terminal,
           Py_ssize_t wrap_min_chars, Py_ssize_t unpunctuated_min_words, PyObject *is_prose, int *wrapped)
{
    *wrapped = 0;
    if (rule != Py_None) {
        return CLASS_BAD;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(line);
    if (n >= prose_min_words && length > 0) {
        if (ends_with_one_of(line, terminal)) {
            return CLASS_GOOD;
        }
        if (n >= unpunctuated_min_words) {
            PyObject *answer = PyObject_CallFunction(is_prose, "On", line, n);
            if (answer == NULL) {
                return -2;
            }
            int prose = PyObject_IsTrue(answer);
            Py_DECREF(answer);
            if (prose < 0) {
                return -2;
            }
            if (prose) {
                return CLASS_GOOD;
            }
        }
        if (all_space(line)) {
            return CLASS_BLANK;
        }
        *wrapped = length >= wrap_min_chars;
        return CLASS_SHORT;
    }
    if (length == 0 || all_space(line)) {
        return CLASS_BLANK;
    }
    *wrapped = length >= wrap_min_chars && !ends_with_one_of(line, terminal);
    return CLASS_SHORT;
}

static PyObject *
classify_lines(PyObject *module, PyObject *args)
{
    PyObject *lines, *words, *claimed, *terminal, *is_prose;
    Py_ssize_t prose_min_words, wrap_min_chars, unpunctuated_min_words;
    (void)module;
    if (!PyArg_ParseTuple(args, "O!O!O!nUnnO:classify_lines", &PyList_Type, &lines, &PyList_Type, &words,
                          &PyList_Type, &claimed, &prose_min_words, &terminal, &wrap_min_chars,
                          &unpunctuated_min_words, &is_prose)) {
        return NULL;
    }
    Py_ssize_t count = PyList_GET_SIZE(lines);
    if (PyList_GET_SIZE(words) != count || PyList_GET_SIZE(claimed) != count) {
        PyErr_SetString(PyExc_ValueError, "lines, words and claimed must have the same length");
        return NULL;
    }
    PyObject *classes = PyList_New(count);
    PyObject *wrapped = PyList_New(0);
    if (classes == NULL || wrapped == NULL) {
        goto failed;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *line = PyList_GET_ITEM(lines, i);
        PyObject *n_object = PyList_GET_ITEM(words, i);
        if (!PyUnicode_Check(line) || !PyLong_Check(n_object)) {
            PyErr_SetString(PyExc_TypeError, "lines must hold str and words int");
            goto failed;
        }
        Py_ssize_t n = PyLong_AsSsize_t(n_object);
        if (n == -1 && PyErr_Occurred()) {
            goto failed;
        }
        int wraps;
        int cls = line_class(line, n, PyList_GET_ITEM(claimed, i), prose_min_words, terminal, wrap_min_chars,
                             unpunctuated_min_words, is_prose, &wraps);
        if (cls == -2) {
            goto failed;
        }
        PyList_SET_ITEM(classes, i, PyLong_FromLong(cls)); /* small ints: cached, never NULL */
        if (wraps) {
            PyObject *index = PyLong_FromSsize_t(i);
            if (index == NULL || PyList_Append(wrapped, index) < 0) {
                Py_XDECREF(index);
                goto failed;
            }
            Py_DECREF(index);
        }
    }
    return Py_BuildValue("(NN)", classes, wrapped);
failed:
    Py_XDECREF(classes);
    Py_XDECREF(wrapped);
    return NULL;
}

/* Whether the str ``line`` answers true to its method ``name`` (-1 on failure). */
static int
str_test(PyObject *line, const char *name)
{
    PyObject *answer = PyObject_CallMethod(line, name, NULL);
    if (answer == NULL) {
        return -1;
    }
    int result = PyObject_IsTrue(answer);
    Py_DECREF(answer);
    return result;
}

static PyObject *
body_span(PyObject *module, PyObject *args)
{
    PyObject *lines, *classes, *words, *terminal;
    double penalty, sentence_share, menu_share;
    Py_ssize_t score_cap;
    (void)module;
    if (!PyArg_ParseTuple(args, "O!O!O!dUddn:body_span", &PyList_Type, &lines, &PyList_Type, &classes,
                          &PyList_Type, &words, &penalty, &terminal, &sentence_share, &menu_share,
                          &score_cap)) {
        return NULL;
    }
    Py_ssize_t count = PyList_GET_SIZE(classes);
    if (PyList_GET_SIZE(lines) != count || PyList_GET_SIZE(words) != count) {
        PyErr_SetString(PyExc_ValueError, "lines, classes and words must have the same length");
        return NULL;
    }
    signed char *cls = PyMem_Malloc(count ? (size_t)count : 1);
    if (cls == NULL) {
        return PyErr_NoMemory();
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        long value = PyLong_AsLong(PyList_GET_ITEM(classes, i));
        if (value == -1 && PyErr_Occurred()) {
            PyMem_Free(cls);
            return NULL;
        }
        cls[i] = (signed char)(value < CLASS_BLANK || value > CLASS_GOOD ? CLASS_SHORT : value);
    }
    double best = 0.0, run = 0.0;
    const double sentence_cost = penalty * sentence_share, menu_cost = penalty * menu_share;
    Py_ssize_t start = 0, best_first = -1, best_last = -1;
    /* lines before the first and after the last prose line cannot change the result */
    Py_ssize_t low = 0, high = count;
    while (low < high && cls[low] != CLASS_GOOD) {
        low++;
    }
    while (high > low && cls[high - 1] != CLASS_GOOD) {
        high--;
    }
    int failed = 0;
    for (Py_ssize_t i = low; i < high && !failed; i++) {
        if (cls[i] == CLASS_BLANK) {
            continue;
        }
        Py_ssize_t n = PyLong_AsSsize_t(PyList_GET_ITEM(words, i));
        if (n == -1 && PyErr_Occurred()) {
            failed = 1;
        }
        else if (cls[i] == CLASS_GOOD) {
            if (run <= 0) {
                run = 0.0;
                start = i;
            }
            run += (double)(n < score_cap ? n : score_cap);
            if (run > best) {
                best = run;
                best_first = start;
                best_last = i;
            }
        }
        else if (cls[i] == CLASS_BAD) {
            run -= penalty;
        }
        else {
            PyObject *line = PyList_GET_ITEM(lines, i);
            if (!PyUnicode_Check(line) || PyUnicode_GET_LENGTH(line) == 0) {
                PyErr_SetString(PyExc_TypeError, "a short line must be a non-empty str");
                failed = 1;
            }
            else if (n >= 3 && ends_with_one_of(line, terminal)) {
                run -= sentence_cost;
            }
            else {
                int menu = n <= 2;
                if (!menu && (menu = str_test(line, "istitle")) == 0) {
                    menu = str_test(line, "isupper");
                }
                failed = menu < 0;
                run -= menu ? menu_cost : penalty;
            }
        }
    }
    PyMem_Free(cls);
    if (failed) {
        return NULL;
    }
    if (best_first < 0) {
        Py_RETURN_NONE;
    }
    return Py_BuildValue("(nn)", best_first, best_last);
}

static PyMethodDef methods[] = {
    {"stem_lines", stem_lines, METH_VARARGS,
     "stem_lines(text, stems, groups=None, /)\n--\n\n"
     "For each stem of the tuple, the sorted indices of the lines of text holding it\n"
     "(text read with a leading newline; a hit belongs to the line where it starts);\n"
     "with groups, for each group (see compile_stems). stems may also be\n"
     "compile_stems()'s result, which skips preparing them."},
    {"compile_stems", compile_stems, METH_VARARGS,
     "compile_stems(stems, groups=None, /)\n--\n\n"
     "The tuple of stems prepared once for stem_lines (an opaque, read-only object).\n"
     "groups, a tuple of ints (one per stem), merges the lines of stems: stem_lines\n"
     "then lists the lines of each group 0..max(groups), sorted, each line once."},
    {"compile_gate", compile_gate, METH_VARARGS,
     "compile_gate(table, quotes, edges, span, section_words, /)\n--\n\n"
     "The first-word gate for line_info: {lower-case word: (word limit, second words or\n"
     "None)}, the characters quotations start with, the edge characters stripped from a\n"
     "line's start, the longest first word looked at, the words a section header starts with."},
    {"line_info", line_info, METH_VARARGS,
     "line_info(text, gate, /)\n--\n\n"
     "Per line of text.split('\\n'): line.count(' ') + 1 (0 if empty), a bytearray with 1 for\n"
     "the lines that pass compile_gate()'s gate (0: that gate rejects the line), and one with 1\n"
     "for the lines that may open a section."},
    {"classify_lines", classify_lines, METH_VARARGS,
     "classify_lines(lines, words, claimed, prose_min_words, terminal, wrap_min_chars,\n"
     "               unpunctuated_min_words, is_prose, /)\n--\n\n"
     "The compiled loop of dedupe_news.boilerplate.features.classify: (classes, the lines\n"
     "that may start a hard-wrapped paragraph); is_prose(line, words) is asked about the\n"
     "lines of unpunctuated_min_words or more words that do not end in a terminal."},
    {"body_span", body_span, METH_VARARGS,
     "body_span(lines, classes, words, penalty, terminal, sentence_share, menu_share, score_cap, /)\n--\n\n"
     "The compiled loop of dedupe_news.boilerplate.features.body_span."},
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
