/* Compiled MinHash kernel of dedupe_news (optional; numpy is the fallback).
 *
 * signatures() does the whole path of dedupe_news.signatures, one text at a
 * time: it reads the code points of the str directly and writes their UTF-8
 * bytes through the caller's ASCII byte table, its non-ASCII separator ranges
 * becoming SPACE; finds the tokens from 64-byte SPACE masks and hashes them
 * (shingles.token_hash); combines n consecutive token hashes as a polynomial
 * (shingles.shingle_hash), or for character shingles the hashes of the parts
 * of every n-character window of the tokens joined by one space; pre-mixes
 * the high 32 bits with MurmurHash3's finalizer and takes, for every
 * permutation, the minimum of a * h + b mod 2**32 over the text's shingles.
 *
 * The values equal the numpy path's, which is tested equal to datasketch;
 * tests/minhash compares the three.  Case folding asks str.casefold once per
 * distinct non-ASCII code point of a call and applies the answers while
 * writing the bytes (the numpy path folds whole texts); everything after that
 * first scan runs without the GIL.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#endif
#if defined(_MSC_VER)
#include <intrin.h>
#endif

/* Must equal the constants of dedupe_news/shingles.py (a test compares). */
#define TOKEN_LENGTH_MULT 0x9E3779B97F4A7C15ULL
#define TOKEN_MULT 0xFF51AFD7ED558CCDULL
#define TOKEN_SHIFT 29
#define SHINGLE_BASE 0x100000001B3ULL
#define EMPTY_HASH 0xFFFFFFFFu
#define SPACE 0x20
#define MAX_CODE_POINT 0x110000

#if defined(__GNUC__) && defined(__x86_64__) && defined(__linux__) && defined(__has_attribute)
#if __has_attribute(target_clones)
#define SIMD_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#endif
#endif
#ifndef SIMD_CLONES
#define SIMD_CLONES
#endif

#if defined(__GNUC__)
#define ALWAYS_INLINE static inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE static inline
#endif

/* ---------------------------------------------------------------- hashing */

static inline uint64_t load_le64(const uint8_t *p)
{
#if (defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__) || defined(_M_X64) || defined(_M_ARM64)
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
#else
    uint64_t v = 0;
    for (int k = 7; k >= 0; k--)
        v = (v << 8) | p[k];
    return v;
#endif
}

static inline uint32_t fmix32(uint32_t h)
{
    h ^= h >> 16;
    h *= 0x85EBCA6Bu;
    h ^= h >> 13;
    h *= 0xC2B2AE35u;
    return h ^ (h >> 16);
}

/* Pre-mixed shingle hashes of n-grams of tok[0:ntok]; returns their count. */
static size_t shingle_values(const uint64_t *tok, size_t ntok, size_t n, uint32_t *hv)
{
    if (ntok == 0)
        return 0;
    size_t width = ntok < n ? ntok : n;
    size_t count = ntok - width + 1;
    for (size_t t = 0; t < count; t++) {
        uint64_t poly = tok[t];
        for (size_t j = 1; j < width; j++)
            poly = poly * SHINGLE_BASE + tok[t + j];
        hv[t] = fmix32((uint32_t)(poly >> 32));
    }
    return count;
}

/* --------------------------------------------------------- permutations */

#define BLOCK 32 /* permutations kept in registers: 4 AVX2 or 2 AVX-512 vectors each of a, b, min */

/* out[p] = min over i of a[p] * hv[i] + b[p] (mod 2**32); EMPTY_HASH if m == 0. */
SIMD_CLONES
static void permute_min(const uint32_t *hv, size_t m, const uint32_t *a, const uint32_t *b, size_t num_perm,
                        uint32_t *out)
{
    size_t p0 = 0;
    for (; p0 + BLOCK <= num_perm; p0 += BLOCK) {
        uint32_t ap[BLOCK], bp[BLOCK], mn[BLOCK];
        for (int j = 0; j < BLOCK; j++) {
            ap[j] = a[p0 + j];
            bp[j] = b[p0 + j];
            mn[j] = EMPTY_HASH;
        }
        for (size_t i = 0; i < m; i++) {
            uint32_t h = hv[i];
            for (int j = 0; j < BLOCK; j++) {
                uint32_t v = ap[j] * h + bp[j];
                mn[j] = v < mn[j] ? v : mn[j];
            }
        }
        memcpy(out + p0, mn, sizeof mn);
    }
    for (; p0 < num_perm; p0++) { /* the rest, one permutation at a time */
        uint32_t ap = a[p0], bp = b[p0], mn = EMPTY_HASH;
        for (size_t i = 0; i < m; i++) {
            uint32_t v = ap * hv[i] + bp;
            mn = v < mn ? v : mn;
        }
        out[p0] = mn;
    }
}

/* Number of distinct values of hv[0:m] (a hash set in set[0:cap], cap a power of two > m). */
static size_t count_distinct(const uint32_t *hv, size_t m, uint32_t *set, size_t cap)
{
    size_t distinct = 0;
    int zero = 0;
    memset(set, 0, cap * sizeof *set);
    for (size_t i = 0; i < m; i++) {
        uint32_t h = hv[i]; /* already mixed: the low bits index the table */
        if (h == 0) {
            zero = 1;
            continue;
        }
        size_t k = h & (cap - 1);
        while (set[k] != 0 && set[k] != h)
            k = (k + 1) & (cap - 1);
        if (set[k] == 0) {
            set[k] = h;
            distinct++;
        }
    }
    return distinct + (size_t)zero;
}

/* ------------------------------------------------------ case folding memo */

/* What str.casefold does to the code points seen in one call: 2 bits per code
 * point (MEMO_UNSEEN, MEMO_KEEPS, MEMO_FOLDS, MEMO_LONG for a folding longer than
 * FOLD_MAX) in pages allocated on first use, and the folding of each MEMO_FOLDS
 * code point in a hash table.  Filled
 * with the GIL held (see "case folding" below), read without it.  str.casefold
 * maps code point by code point, without context, so applying the memo equals
 * folding the whole text. */
enum { MEMO_UNSEEN = 0, MEMO_KEEPS = 1, MEMO_FOLDS = 2, MEMO_LONG = 3 };
#define FOLD_MAX 3 /* CPython folds one code point to at most 3 */
#define PAGE_BITS 12 /* code points per page of states: 4096, in 1 KB */

typedef struct {
    uint8_t *pages[MAX_CODE_POINT >> PAGE_BITS];
    uint32_t *keys;   /* code points that fold (never 0: ASCII is not stored) */
    uint32_t *folded; /* per slot: count, then FOLD_MAX code points */
    size_t cap;       /* slots, a power of two; 0 before the first */
    size_t count;
} FoldMemo;

ALWAYS_INLINE unsigned memo_state(const FoldMemo *memo, uint32_t c)
{
    const uint8_t *page = memo->pages[c >> PAGE_BITS];
    return page == NULL ? MEMO_UNSEEN : (page[(c & ((1u << PAGE_BITS) - 1)) >> 2] >> ((c & 3) * 2)) & 3;
}

/* The slot of code point c, or the free slot where it belongs. */
static size_t memo_slot(const FoldMemo *memo, uint32_t c)
{
    size_t k = fmix32(c) & (memo->cap - 1);
    while (memo->keys[k] != 0 && memo->keys[k] != c)
        k = (k + 1) & (memo->cap - 1);
    return k;
}

static void memo_free(FoldMemo *memo)
{
    for (size_t k = 0; k < MAX_CODE_POINT >> PAGE_BITS; k++)
        free(memo->pages[k]);
    free(memo->keys);
    free(memo->folded);
}

/* ----------------------------------------------------------- tokenising */

typedef struct {
    const uint8_t *table;   /* byte table of ASCII (SPACE = separator) */
    const uint32_t *ranges; /* inclusive non-ASCII separator ranges, lo, hi, ... */
    size_t nranges;
    size_t n;  /* shingle size */
    int chars; /* character shingles (else word shingles) */
    const FoldMemo *memo; /* case folding of the current text's code points, or NULL */
    uint8_t *bytes;
    size_t bytes_cap;
    uint64_t *tok;
    size_t tok_cap;
    uint32_t *hv;
    size_t hv_cap;
    uint32_t *set;
    size_t set_cap;
    uint8_t *canon; /* character shingles: the tokens joined by one SPACE */
    size_t canon_cap;
    size_t *cpos; /* ... the offset of each of its code points */
    size_t cpos_cap;
    size_t *spaces; /* ... and of each of its SPACEs */
    size_t spaces_cap;
} Work;

static int grow(void **buf, size_t *cap, size_t need, size_t item)
{
    if (need <= *cap)
        return 0;
    void *fresh = realloc(*buf, need * item);
    if (fresh == NULL)
        return -1;
    *buf = fresh;
    *cap = need;
    return 0;
}

static void work_free(Work *w)
{
    free(w->bytes);
    free(w->tok);
    free(w->hv);
    free(w->set);
    free(w->canon);
    free(w->cpos);
    free(w->spaces);
}

ALWAYS_INLINE int is_separator(const Work *w, uint32_t c)
{
    for (size_t r = 0; r < w->nranges; r++)
        if (c >= w->ranges[2 * r] && c <= w->ranges[2 * r + 1])
            return 1;
    return 0;
}

ALWAYS_INLINE size_t put_utf8(uint8_t *out, uint32_t c)
{
    if (c < 0x800) {
        out[0] = (uint8_t)(0xC0 | (c >> 6));
        out[1] = (uint8_t)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) { /* lone surrogates too, as "surrogatepass" encodes them */
        out[0] = (uint8_t)(0xE0 | (c >> 12));
        out[1] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (uint8_t)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (uint8_t)(0xF0 | (c >> 18));
    out[1] = (uint8_t)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (uint8_t)(0x80 | (c & 0x3F));
    return 4;
}

/* Nonzero when one of the 8 code units at p (of the given kind) is not ASCII. */
ALWAYS_INLINE uint64_t non_ascii8(const void *p, int kind)
{
    const uint8_t *b = p;
    uint64_t any = 0;
    for (int k = 0; k < kind; k++)
        any |= load_le64(b + 8 * k);
    return any & (kind == 1 ? 0x8080808080808080ULL : kind == 2 ? 0xFF80FF80FF80FF80ULL : 0xFFFFFF80FFFFFF80ULL);
}

ALWAYS_INLINE uint32_t code_unit(const void *data, Py_ssize_t i, int kind)
{
    return kind == 1   ? ((const uint8_t *)data)[i]
           : kind == 2 ? ((const uint16_t *)data)[i]
                       : ((const uint32_t *)data)[i];
}

/* The UTF-8 bytes of one code point through the table, a separator as SPACE; returns their count. */
ALWAYS_INLINE size_t put_code_point(const Work *w, uint32_t c, uint8_t *out)
{
    if (c < 0x80) {
        out[0] = w->table[c];
        return 1;
    }
    if (is_separator(w, c)) {
        out[0] = SPACE;
        return 1;
    }
    return put_utf8(out, c);
}

/* Pass 1: the text's UTF-8 bytes, case folded with w->memo when set, through the table,
 * separators as SPACE; returns the byte count.  Runs of 8 ASCII code units take a
 * branch-free path. */
ALWAYS_INLINE size_t translate_kind(const Work *w, const void *data, Py_ssize_t len, int kind, uint8_t *out)
{
    const uint8_t *table = w->table;
    size_t j = 0;
    Py_ssize_t i = 0;
    while (i < len) {
        if (i + 8 <= len && !non_ascii8((const uint8_t *)data + i * kind, kind)) {
            for (int k = 0; k < 8; k++)
                out[j + k] = table[code_unit(data, i + k, kind)];
            i += 8;
            j += 8;
            continue;
        }
        uint32_t c = code_unit(data, i++, kind);
        if (c >= 0x80 && w->memo != NULL && memo_state(w->memo, c) == MEMO_FOLDS) {
            const uint32_t *folded = w->memo->folded + (FOLD_MAX + 1) * memo_slot(w->memo, c);
            for (uint32_t k = 1; k <= folded[0]; k++)
                j += put_code_point(w, folded[k], out + j);
        } else {
            j += put_code_point(w, c, out + j);
        }
    }
    return j;
}

static size_t translate(const Work *w, PyObject *text, uint8_t *out)
{
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t len = PyUnicode_GET_LENGTH(text);
    if (PyUnicode_IS_ASCII(text)) {
        const uint8_t *src = data;
        for (Py_ssize_t i = 0; i < len; i++)
            out[i] = w->table[src[i]];
        return (size_t)len;
    }
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        return translate_kind(w, data, len, 1, out);
    case PyUnicode_2BYTE_KIND:
        return translate_kind(w, data, len, 2, out);
    default:
        return translate_kind(w, data, len, 4, out);
    }
}

/* Bit k set when p[k] is SPACE, k < 64. */
static inline uint64_t space_mask64(const uint8_t *p)
{
#if defined(__SSE2__) || defined(_M_X64)
    const __m128i space = _mm_set1_epi8(SPACE);
    uint64_t m = 0;
    for (int k = 0; k < 4; k++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + 16 * k));
        m |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, space)) << (16 * k);
    }
    return m;
#else
    uint64_t m = 0;
    for (int k = 0; k < 8; k++) { /* exact zero-byte test of x = word ^ spaces, 8 bits at a time */
        uint64_t x = load_le64(p + 8 * k) ^ 0x2020202020202020ULL;
        uint64_t t = ~(((x & 0x7F7F7F7F7F7F7F7FULL) + 0x7F7F7F7F7F7F7F7FULL) | x | 0x7F7F7F7F7F7F7F7FULL);
        m |= (((t >> 7) * 0x0102040810204080ULL) >> 56) << (8 * k);
    }
    return m;
#endif
}

static inline unsigned lowest_bit(uint64_t x)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctzll(x);
#elif defined(_MSC_VER) && (defined(_M_X64) || defined(_M_ARM64))
    unsigned long k;
    _BitScanForward64(&k, x);
    return (unsigned)k;
#else
    unsigned k = 0;
    while (!(x & 1)) {
        x >>= 1;
        k++;
    }
    return k;
#endif
}

/* shingles.token_hash of p[0:len], len >= 1, reading up to 7 bytes past the token. */
static inline uint64_t token_hash(const uint8_t *p, size_t len)
{
    uint64_t h = (uint64_t)len * TOKEN_LENGTH_MULT;
    size_t off = 0;
    for (; len - off > 8; off += 8) {
        h = (h ^ load_le64(p + off)) * TOKEN_MULT;
        h ^= h >> TOKEN_SHIFT;
    }
    uint64_t last = load_le64(p + off) & (~0ULL >> (64 - 8 * (len - off))); /* zero padded */
    h = (h ^ last) * TOKEN_MULT;
    return h ^ (h >> TOKEN_SHIFT);
}

/* Pass 2: hashes of the SPACE-separated tokens of bytes[0:size] (size a multiple of 64,
 * ending with SPACE, 8 readable bytes after it) into tok; returns their count.  Each
 * 64-byte block's token edges are listed first, then hashed pairwise (no branch on
 * whether an edge starts or ends a token). */
static size_t token_hashes(const uint8_t *bytes, size_t size, uint64_t *tok)
{
    size_t ntok = 0, edge[66];
    size_t open = 0; /* 1 when edge[0] carries the start of a token from the blocks before */
    uint64_t prev = 0; /* 1 when the byte before the block is part of a token */
    for (size_t base = 0; base < size; base += 64) {
        uint64_t word = ~space_mask64(bytes + base);
        uint64_t edges = word ^ ((word << 1) | prev); /* token starts and ends (first space after) */
        prev = word >> 63;
        size_t n = open;
        while (edges) {
            edge[n++] = base + lowest_bit(edges);
            edges &= edges - 1;
        }
        for (size_t e = 0; e + 1 < n; e += 2)
            tok[ntok++] = token_hash(bytes + edge[e], edge[e + 1] - edge[e]);
        open = n & 1;
        if (open)
            edge[0] = edge[n - 1]; /* the unfinished token's start */
    }
    return ntok;
}

/* Pre-mixed hashes of the character n-grams of the tokens of bytes[0:used] joined by
 * one SPACE (shingles.shingles with kind="char"); returns their count.  A window's
 * hash is the polynomial of the token hashes of its SPACE-separated parts, an
 * empty part (window starting or ending at a SPACE) hashing to 0. */
static size_t char_shingle_values(Work *w, const uint8_t *bytes, size_t used)
{
    uint8_t *canon = w->canon;
    size_t *cpos = w->cpos, *spaces = w->spaces;
    size_t nb = 0, nchars = 0, nspaces = 0;
    int gap = 0;
    for (size_t i = 0; i < used; i++) {
        uint8_t c = bytes[i];
        if (c == SPACE) {
            gap = nb > 0;
            continue;
        }
        if (gap) {
            spaces[nspaces++] = nb;
            cpos[nchars++] = nb;
            canon[nb++] = SPACE;
            gap = 0;
        }
        if ((c & 0xC0) != 0x80) /* not a UTF-8 continuation byte */
            cpos[nchars++] = nb;
        canon[nb++] = c;
    }
    if (nchars == 0)
        return 0;
    cpos[nchars] = nb;
    spaces[nspaces] = nb; /* sentinel: never inside a window */
    memset(canon + nb, 0, 8);
    size_t width = nchars < w->n ? nchars : w->n;
    size_t count = nchars - width + 1;
    size_t first_space = 0;
    for (size_t t = 0; t < count; t++) {
        size_t p = cpos[t], end = cpos[t + width];
        while (spaces[first_space] < p)
            first_space++;
        uint64_t poly = 0;
        for (size_t s = first_space;; s++) {
            size_t q = spaces[s] < end ? spaces[s] : end;
            poly = poly * SHINGLE_BASE + (q > p ? token_hash(canon + p, q - p) : 0);
            if (q == end)
                break;
            p = q + 1;
        }
        w->hv[t] = fmix32((uint32_t)(poly >> 32));
    }
    return count;
}

/* Signature (and distinct shingle count) of one ready str whose case folding by the
 * memo adds at most extra bytes; -1 when out of memory. */
static int sign_text(Work *w, PyObject *text, size_t extra, const uint32_t *a, const uint32_t *b, size_t num_perm,
                     uint32_t *out, uint32_t *size)
{
    size_t len = (size_t)PyUnicode_GET_LENGTH(text);
    size_t per_char = (size_t)PyUnicode_KIND(text); /* UTF-8 bytes per code point: 1->2, 2->3, 4->4 */
    per_char = per_char == 1 ? 2 : per_char == 2 ? 3 : 4;
    if (grow((void **)&w->bytes, &w->bytes_cap, len * per_char + extra + 64 + 8, 1) < 0)
        return -1;
    size_t used = translate(w, text, w->bytes); /* at most one character per byte, a token per two */
    if (grow((void **)&w->tok, &w->tok_cap, used / 2 + 2, sizeof(uint64_t)) < 0 ||
        grow((void **)&w->hv, &w->hv_cap, used + 1, sizeof(uint32_t)) < 0)
        return -1;
    size_t m;
    if (w->chars) {
        if (grow((void **)&w->canon, &w->canon_cap, used + 8, 1) < 0 ||
            grow((void **)&w->cpos, &w->cpos_cap, used + 1, sizeof(size_t)) < 0 ||
            grow((void **)&w->spaces, &w->spaces_cap, used / 2 + 2, sizeof(size_t)) < 0)
            return -1;
        m = char_shingle_values(w, w->bytes, used);
    } else {
        size_t padded = (used / 64 + 1) * 64; /* at least one SPACE after the last token */
        memset(w->bytes + used, SPACE, padded + 8 - used);
        m = shingle_values(w->tok, token_hashes(w->bytes, padded, w->tok), w->n, w->hv);
    }
    permute_min(w->hv, m, a, b, num_perm, out);
    if (size != NULL) {
        size_t cap = 16;
        while (cap < 4 * m) /* at most a quarter full: few probes */
            cap *= 2;
        if (grow((void **)&w->set, &w->set_cap, cap, sizeof(uint32_t)) < 0)
            return -1;
        *size = (uint32_t)count_distinct(w->hv, m, w->set, cap);
    }
    return 0;
}

/* ------------------------------------------------------------ case folding */

/* Store the folding of c (its count code points) in the memo; -1 when out of memory. */
static int memo_put(FoldMemo *memo, uint32_t c, const uint32_t *cps, size_t count)
{
    if (2 * (memo->count + 1) > memo->cap) { /* keep the table at most half full */
        size_t cap = memo->cap ? 2 * memo->cap : 64;
        uint32_t *keys = calloc(cap, sizeof *keys);
        uint32_t *folded = malloc(cap * (FOLD_MAX + 1) * sizeof *folded);
        if (keys == NULL || folded == NULL) {
            free(keys);
            free(folded);
            return -1;
        }
        uint32_t *old_keys = memo->keys, *old_folded = memo->folded;
        size_t old_cap = memo->cap;
        memo->keys = keys;
        memo->folded = folded;
        memo->cap = cap;
        for (size_t k = 0; k < old_cap; k++) {
            if (old_keys[k] == 0)
                continue;
            size_t slot = memo_slot(memo, old_keys[k]);
            keys[slot] = old_keys[k];
            memcpy(folded + (FOLD_MAX + 1) * slot, old_folded + (FOLD_MAX + 1) * k, (FOLD_MAX + 1) * sizeof *folded);
        }
        free(old_keys);
        free(old_folded);
    }
    size_t slot = memo_slot(memo, c);
    memo->keys[slot] = c;
    uint32_t *folded = memo->folded + (FOLD_MAX + 1) * slot;
    folded[0] = (uint32_t)count;
    memcpy(folded + 1, cps, count * sizeof *cps);
    memo->count++;
    return 0;
}

/* The memo state of non-ASCII code point c, asking str.casefold when unseen; -1 on error. */
static int fold_state(FoldMemo *memo, uint32_t c)
{
    uint8_t **page = &memo->pages[c >> PAGE_BITS];
    if (*page == NULL && (*page = calloc((1u << PAGE_BITS) / 4, 1)) == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    unsigned state = memo_state(memo, c);
    if (state != MEMO_UNSEEN)
        return (int)state;
    PyObject *ch = PyUnicode_FromOrdinal((int)c);
    if (ch == NULL)
        return -1;
    PyObject *folded = PyObject_CallMethod(ch, "casefold", NULL);
    Py_DECREF(ch);
    if (folded == NULL)
        return -1;
    Py_ssize_t count = PyUnicode_GET_LENGTH(folded);
    uint32_t cps[FOLD_MAX];
    for (Py_ssize_t k = 0; k < count && k < FOLD_MAX; k++)
        cps[k] = PyUnicode_READ_CHAR(folded, k);
    Py_DECREF(folded);
    if (count == 1 && cps[0] == c)
        state = MEMO_KEEPS;
    else if (count > FOLD_MAX)
        state = MEMO_LONG;
    else if (memo_put(memo, c, cps, (size_t)count) < 0) {
        PyErr_NoMemory();
        return -1;
    } else
        state = MEMO_FOLDS;
    (*page)[(c & ((1u << PAGE_BITS) - 1)) >> 2] |= (uint8_t)(state << ((c & 3) * 2));
    return (int)state;
}

/* Index of the first non-ASCII code unit of data[start:len], or len. */
ALWAYS_INLINE Py_ssize_t next_non_ascii(const void *data, Py_ssize_t start, Py_ssize_t len, int kind)
{
    Py_ssize_t i = start;
    while (i + 8 <= len && !non_ascii8((const uint8_t *)data + i * kind, kind))
        i += 8;
    while (i < len && code_unit(data, i, kind) < 0x80)
        i++;
    return i;
}

/* How many code points of the text the memo folds (all are memoised after), or -1 on
 * error, or -2 when one folds to more than FOLD_MAX code points. */
ALWAYS_INLINE Py_ssize_t count_folds_kind(FoldMemo *memo, const void *data, Py_ssize_t len, int kind)
{
    Py_ssize_t folds = 0;
    for (Py_ssize_t i = next_non_ascii(data, 0, len, kind); i < len; i = next_non_ascii(data, i + 1, len, kind)) {
        int state = fold_state(memo, code_unit(data, i, kind));
        if (state < 0)
            return -1;
        if (state == MEMO_LONG)
            return -2;
        folds += state == MEMO_FOLDS;
    }
    return folds;
}

/* Prepare text for case folding: a new reference to it, with *folds set to the number
 * of its code points the memo folds (the memo then holds them all), or to
 * text.casefold() with *folds = 0 when the memo cannot fold it; NULL on error. */
static PyObject *fold_ready(FoldMemo *memo, PyObject *text, Py_ssize_t *folds)
{
    *folds = 0;
    if (!PyUnicode_IS_ASCII(text)) {
        const void *data = PyUnicode_DATA(text);
        Py_ssize_t len = PyUnicode_GET_LENGTH(text);
        switch (PyUnicode_KIND(text)) {
        case PyUnicode_1BYTE_KIND:
            *folds = count_folds_kind(memo, data, len, 1);
            break;
        case PyUnicode_2BYTE_KIND:
            *folds = count_folds_kind(memo, data, len, 2);
            break;
        default:
            *folds = count_folds_kind(memo, data, len, 4);
        }
    }
    if (*folds == -1)
        return NULL;
    if (*folds == -2) {
        *folds = 0;
        return PyObject_CallMethod(text, "casefold", NULL);
    }
    Py_INCREF(text);
    return text;
}

/* --------------------------------------------------------------- binding */

static int get_buffer(PyObject *obj, Py_buffer *view, int writable, Py_ssize_t size, const char *what)
{
    if (PyObject_GetBuffer(obj, view, writable ? PyBUF_WRITABLE | PyBUF_C_CONTIGUOUS : PyBUF_C_CONTIGUOUS) < 0)
        return -1;
    if (size >= 0 && view->len != size) {
        PyErr_Format(PyExc_ValueError, "%s has %zd bytes, expected %zd", what, view->len, size);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

static int check_permutations(Py_buffer *a, Py_buffer *b)
{
    if (a->len != b->len || a->len % 4 != 0 || a->len == 0) {
        PyErr_SetString(PyExc_ValueError, "a and b must be equally long, non-empty uint32 buffers");
        return -1;
    }
    return 0;
}

PyDoc_STRVAR(signatures_doc,
             "signatures(texts, a, b, table, ranges, chars, n, casefold, out, sizes)\n--\n\n"
             "Write the MinHash signature of every str in the list texts into\n"
             "out (C-contiguous uint32, len(texts) x len(a)) and, unless sizes is None, the\n"
             "number of distinct shingle hashes into sizes (uint32, len(texts)). a, b: uint32\n"
             "permutation parameters; table: 256-byte ASCII table (0x20 = separator);\n"
             "ranges: uint32 pairs of inclusive non-ASCII separator ranges; chars: character\n"
             "shingles (else word shingles); n: shingle size;\n"
             "casefold: fold texts whose non-ASCII code points casefold() changes.");

static PyObject *signatures(PyObject *self, PyObject *args)
{
    PyObject *texts, *a_obj, *b_obj, *table_obj, *ranges_obj, *out_obj, *sizes_obj;
    Py_ssize_t n;
    int chars, casefold;
    (void)self;
    if (!PyArg_ParseTuple(args, "O!OOOOpnpOO:signatures", &PyList_Type, &texts, &a_obj, &b_obj, &table_obj,
                          &ranges_obj, &chars, &n, &casefold, &out_obj, &sizes_obj))
        return NULL;
    if (n < 1) {
        PyErr_SetString(PyExc_ValueError, "n must be positive");
        return NULL;
    }
    Py_ssize_t ndocs = PyList_GET_SIZE(texts);
    for (Py_ssize_t i = 0; i < ndocs; i++) {
        if (!PyUnicode_Check(PyList_GET_ITEM(texts, i))) {
            PyErr_Format(PyExc_TypeError, "text %zd is not a str", i);
            return NULL;
        }
    }
    Py_buffer a = {0}, b = {0}, table = {0}, ranges = {0}, out = {0}, sizes = {0};
    PyObject **ready = NULL;
    Py_ssize_t *folds = NULL; /* per text: code points the memo folds */
    FoldMemo memo = {0};
    PyObject *result = NULL;
    int have_sizes = sizes_obj != Py_None;
    if (get_buffer(a_obj, &a, 0, -1, "a") < 0)
        goto done;
    if (get_buffer(b_obj, &b, 0, -1, "b") < 0 || check_permutations(&a, &b) < 0)
        goto done;
    size_t num_perm = (size_t)a.len / 4;
    if (get_buffer(table_obj, &table, 0, 256, "table") < 0 || get_buffer(ranges_obj, &ranges, 0, -1, "ranges") < 0)
        goto done;
    if (ranges.len % 8 != 0) {
        PyErr_SetString(PyExc_ValueError, "ranges must hold uint32 pairs");
        goto done;
    }
    if (get_buffer(out_obj, &out, 1, ndocs * (Py_ssize_t)num_perm * 4, "out") < 0)
        goto done;
    if (have_sizes && get_buffer(sizes_obj, &sizes, 1, ndocs * 4, "sizes") < 0)
        goto done;

    ready = PyMem_Calloc((size_t)ndocs + 1, sizeof *ready);
    folds = PyMem_Calloc((size_t)ndocs + 1, sizeof *folds);
    if (ready == NULL || folds == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < ndocs; i++) {
        PyObject *text = PyList_GET_ITEM(texts, i);
#if PY_VERSION_HEX < 0x030C0000
        if (PyUnicode_READY(text) < 0)
            goto done;
#endif
        if (casefold) {
            ready[i] = fold_ready(&memo, text, &folds[i]);
            if (ready[i] == NULL)
                goto done;
        } else {
            Py_INCREF(text);
            ready[i] = text;
        }
    }

    Work w = {0};
    w.table = table.buf;
    w.ranges = ranges.buf;
    w.nranges = (size_t)ranges.len / 8;
    w.n = (size_t)n;
    w.chars = chars;
    int failed = 0;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t i = 0; i < ndocs && !failed; i++) {
        uint32_t *size = have_sizes ? (uint32_t *)sizes.buf + i : NULL;
        w.memo = folds[i] ? &memo : NULL;
        size_t extra = (size_t)folds[i] * FOLD_MAX * 4; /* UTF-8 bytes of the foldings */
        failed = sign_text(&w, ready[i], extra, a.buf, b.buf, num_perm, (uint32_t *)out.buf + (size_t)i * num_perm,
                           size);
    }
    Py_END_ALLOW_THREADS
    work_free(&w);
    if (failed) {
        PyErr_NoMemory();
        goto done;
    }
    result = Py_None;
    Py_INCREF(result);
done:
    if (ready != NULL) {
        for (Py_ssize_t i = 0; i < ndocs; i++)
            Py_XDECREF(ready[i]);
        PyMem_Free(ready);
    }
    PyMem_Free(folds);
    memo_free(&memo);
    PyBuffer_Release(&a);
    PyBuffer_Release(&b);
    PyBuffer_Release(&table);
    PyBuffer_Release(&ranges);
    PyBuffer_Release(&out);
    PyBuffer_Release(&sizes);
    return result;
}

static PyMethodDef methods[] = {
    {"signatures", signatures, METH_VARARGS, signatures_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_minhash",
    .m_doc = "Compiled MinHash kernel of dedupe_news (see signatures.py).",
    .m_size = -1,
    .m_methods = methods,
};

PyMODINIT_FUNC PyInit__minhash(void)
{
    PyObject *m = PyModule_Create(&module);
    if (m == NULL)
        return NULL;
    if (PyModule_AddObject(m, "TOKEN_LENGTH_MULT", PyLong_FromUnsignedLongLong(TOKEN_LENGTH_MULT)) < 0 ||
        PyModule_AddObject(m, "TOKEN_MULT", PyLong_FromUnsignedLongLong(TOKEN_MULT)) < 0 ||
        PyModule_AddIntConstant(m, "TOKEN_SHIFT", TOKEN_SHIFT) < 0 ||
        PyModule_AddObject(m, "SHINGLE_BASE", PyLong_FromUnsignedLongLong(SHINGLE_BASE)) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
