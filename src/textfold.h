/*
 * textfold.h: accent and case folding of UTF-8 text for matching Vietnamese words.
 *
 * Pure C (no PostgreSQL headers), so the term parser, the fuzzers and the catalogue search share it.
 *
 * Folding maps text to the form a Vietnamese reader considers "the same word":
 *   - ASCII letters are lowercased;
 *   - precomposed Latin letters (Latin-1 Supplement U+00C0-U+00FF, Latin Extended-A U+0100-U+017F,
 *     Latin Extended-B U+0180-U+024F, Latin Extended Additional U+1E00-U+1EFF) lose their diacritics
 *     and are lowercased: "Ệ" -> "e", "ơ" -> "o", "Ư" -> "u", "Đ"/"đ" -> "d" (and the look-alikes
 *     "Ð"/"ð" U+00D0/U+00F0 and "Ɖ" U+0189, often typed for "Đ");
 *   - other letters of those blocks are lowercased ("Æ" -> "æ") when the lowercase letter takes
 *     no more UTF-8 bytes than the capital, else kept;
 *   - combining diacritical marks U+0300-U+036F are dropped, so NFD input folds like NFC input;
 *   - every other character is copied unchanged (digits, punctuation, spaces, other scripts);
 *   - each byte that does not belong to well-formed UTF-8 (stray continuation bytes, overlong
 *     forms, surrogates, code points above U+10FFFF, truncated sequences) becomes '?'.
 *
 * So the output is always well-formed UTF-8, and folding is idempotent (copying bad bytes would
 * not be: dropping a mark can join a stray lead byte to the next byte).  The folded form of a
 * character is never longer than the character, so an output buffer as long as the input always
 * suffices, and folding in place (out == in) is allowed.
 */
#ifndef TEXTFOLD_H
#define TEXTFOLD_H

#include <stddef.h>
#include <stdint.h>

/* Longest output of vn_fold_char (one UTF-8 character). */
#define VN_FOLD_CHAR_MAX 4

/*
 * Fold the character at the start of in[0..len).  Sets *used to the bytes consumed (at least 1 when
 * len > 0, 0 when len == 0), writes the folded bytes to out (room for VN_FOLD_CHAR_MAX bytes, may
 * equal in) and returns how many it wrote: 0 for a dropped combining mark, never more than *used.
 */
size_t		vn_fold_char(const char *in, size_t len, size_t *used, char *out);

/*
 * Fold in[0..len) into out[0..cap).  Returns the length of the whole folded text; the output is not
 * NUL-terminated.  When the result is longer than cap, out holds the longest prefix made of whole
 * folded characters and the return value exceeds cap.  cap >= len is always enough; out may equal
 * in.
 */
size_t		vn_fold(const char *in, size_t len, char *out, size_t cap);

/*
 * Blank text.  A blank character is white space in the Unicode sense (property White_Space:
 * U+0009-U+000D, U+0020, U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F,
 * U+3000) or an invisible format character that people paste in by mistake (U+200B zero width
 * space, U+200C, U+200D, U+2060 word joiner, U+FEFF byte order mark).  btrim() and the regular
 * expression class [[:space:]] know only some of them, so "\u00a0" or "\u200b" would pass for a name.
 */

/*
 * The length in bytes of the blank character at the start of s[0..len), or 0 when s does not start
 * with one (len == 0, another character, or bytes that are not well-formed UTF-8).
 */
size_t		vn_blank_char(const char *s, size_t len);

/* 1 when s[0..len) is empty or made only of blank characters, else 0 (also for ill-formed UTF-8). */
int			vn_is_blank(const char *s, size_t len);

/*
 * Decode the well-formed UTF-8 character (RFC 3629) at the start of s[0..len): its length in bytes
 * and *cp, or 0 (and *cp untouched) when s does not start with one or len == 0.
 */
size_t		vn_utf8_decode(const char *s, size_t len, uint32_t *cp);

#endif
