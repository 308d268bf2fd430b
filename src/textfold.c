/*
 * textfold.c: accent and case folding of UTF-8 text (see textfold.h).
 *
 * The tables below were generated from the Unicode 14 character database by these rules, applied to
 * each code point of the folded blocks:
 *   1. a canonical decomposition that starts with an ASCII letter gives that letter, lowercased;
 *      one that starts with another letter gives the fold of that letter (U+01FC "Ǽ" -> "æ");
 *   2. "Ð"/"ð" (U+00D0/U+00F0) and "Ɖ" (U+0189) give "d": they are typed for the Vietnamese "Đ";
 *      dotless i/j and long s give "i", "j", "s";
 *   3. a name "LATIN ... LETTER X WITH ..." or "LATIN ... LETTER X BAR" (stroke, hook, bar: "đ",
 *      "ł", "ø", "ƀ") gives "x";
 *   4. otherwise a capital gives its lowercase letter when that is not longer in UTF-8;
 *   5. otherwise 0: the character is copied unchanged;
 * and a result that folds further is folded again ("Ɋ" -> "ɋ" -> "q"), so folding is idempotent.
 * An entry below 0x80 is an ASCII letter; an entry from 0x80 up is a code point to encode.
 */
#include "textfold.h"

#include <stdint.h>
#include <string.h>

static const uint16_t fold_latin[0x024F - 0x00C0 + 1] = {
	'a', 'a', 'a', 'a', 'a', 'a', 0x00E6, 'c',	/* U+00C0 */
	'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',	/* U+00C8 */
	'd', 'n', 'o', 'o', 'o', 'o', 'o', 0,	/* U+00D0 */
	'o', 'u', 'u', 'u', 'u', 'y', 0x00FE, 0,	/* U+00D8 */
	'a', 'a', 'a', 'a', 'a', 'a', 0, 'c',	/* U+00E0 */
	'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',	/* U+00E8 */
	'd', 'n', 'o', 'o', 'o', 'o', 'o', 0,	/* U+00F0 */
	'o', 'u', 'u', 'u', 'u', 'y', 0, 'y',	/* U+00F8 */
	'a', 'a', 'a', 'a', 'a', 'a', 'c', 'c',	/* U+0100 */
	'c', 'c', 'c', 'c', 'c', 'c', 'd', 'd',	/* U+0108 */
	'd', 'd', 'e', 'e', 'e', 'e', 'e', 'e',	/* U+0110 */
	'e', 'e', 'e', 'e', 'g', 'g', 'g', 'g',	/* U+0118 */
	'g', 'g', 'g', 'g', 'h', 'h', 'h', 'h',	/* U+0120 */
	'i', 'i', 'i', 'i', 'i', 'i', 'i', 'i',	/* U+0128 */
	'i', 'i', 0x0133, 0, 'j', 'j', 'k', 'k',	/* U+0130 */
	0, 'l', 'l', 'l', 'l', 'l', 'l', 'l',	/* U+0138 */
	'l', 'l', 'l', 'n', 'n', 'n', 'n', 'n',	/* U+0140 */
	'n', 0, 0x014B, 0, 'o', 'o', 'o', 'o',	/* U+0148 */
	'o', 'o', 0x0153, 0, 'r', 'r', 'r', 'r',	/* U+0150 */
	'r', 'r', 's', 's', 's', 's', 's', 's',	/* U+0158 */
	's', 's', 't', 't', 't', 't', 't', 't',	/* U+0160 */
	'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',	/* U+0168 */
	'u', 'u', 'u', 'u', 'w', 'w', 'y', 'y',	/* U+0170 */
	'y', 'z', 'z', 'z', 'z', 'z', 'z', 's',	/* U+0178 */
	'b', 'b', 'b', 'b', 0x0185, 0, 0x0254, 'c',	/* U+0180 */
	'c', 'd', 'd', 'd', 'd', 0, 0x01DD, 0x0259,	/* U+0188 */
	0x025B, 'f', 'f', 'g', 0x0263, 0, 0x0269, 'i',	/* U+0190 */
	'k', 'k', 'l', 0, 0x026F, 'n', 'n', 'o',	/* U+0198 */
	'o', 'o', 0x01A3, 0, 'p', 'p', 0x0280, 0x01A8,	/* U+01A0 */
	0, 0x0283, 0, 't', 't', 't', 't', 'u',	/* U+01A8 */
	'u', 0x028A, 'v', 'y', 'y', 'z', 'z', 0x0292,	/* U+01B0 */
	0x01B9, 0, 0, 0, 0x01BD, 0, 0, 0,	/* U+01B8 */
	0, 0, 0, 0, 0x01C6, 0x01C6, 0, 0x01C9,	/* U+01C0 */
	0x01C9, 0, 0x01CC, 0x01CC, 0, 'a', 'a', 'i',	/* U+01C8 */
	'i', 'o', 'o', 'u', 'u', 'u', 'u', 'u',	/* U+01D0 */
	'u', 'u', 'u', 'u', 'u', 0, 'a', 'a',	/* U+01D8 */
	'a', 'a', 0x00E6, 0x00E6, 'g', 'g', 'g', 'g',	/* U+01E0 */
	'k', 'k', 'o', 'o', 'o', 'o', 0x0292, 0x0292,	/* U+01E8 */
	'j', 0x01F3, 0x01F3, 0, 'g', 'g', 0x0195, 0x01BF,	/* U+01F0 */
	'n', 'n', 'a', 'a', 0x00E6, 0x00E6, 'o', 'o',	/* U+01F8 */
	'a', 'a', 'a', 'a', 'e', 'e', 'e', 'e',	/* U+0200 */
	'i', 'i', 'i', 'i', 'o', 'o', 'o', 'o',	/* U+0208 */
	'r', 'r', 'r', 'r', 'u', 'u', 'u', 'u',	/* U+0210 */
	's', 's', 't', 't', 0x021D, 0, 'h', 'h',	/* U+0218 */
	'n', 'd', 0x0223, 0, 'z', 'z', 'a', 'a',	/* U+0220 */
	'e', 'e', 'o', 'o', 'o', 'o', 'o', 'o',	/* U+0228 */
	'o', 'o', 'y', 'y', 'l', 'n', 't', 'j',	/* U+0230 */
	0, 0, 'a', 'c', 'c', 'l', 't', 's',	/* U+0238 */
	'z', 0x0242, 0, 'b', 'u', 0x028C, 'e', 'e',	/* U+0240 */
	'j', 'j', 'q', 'q', 'r', 'r', 'y', 'y',	/* U+0248 */
};

static const uint16_t fold_latin_additional[0x1EFF - 0x1E00 + 1] = {
	'a', 'a', 'b', 'b', 'b', 'b', 'b', 'b',	/* U+1E00 */
	'c', 'c', 'd', 'd', 'd', 'd', 'd', 'd',	/* U+1E08 */
	'd', 'd', 'd', 'd', 'e', 'e', 'e', 'e',	/* U+1E10 */
	'e', 'e', 'e', 'e', 'e', 'e', 'f', 'f',	/* U+1E18 */
	'g', 'g', 'h', 'h', 'h', 'h', 'h', 'h',	/* U+1E20 */
	'h', 'h', 'h', 'h', 'i', 'i', 'i', 'i',	/* U+1E28 */
	'k', 'k', 'k', 'k', 'k', 'k', 'l', 'l',	/* U+1E30 */
	'l', 'l', 'l', 'l', 'l', 'l', 'm', 'm',	/* U+1E38 */
	'm', 'm', 'm', 'm', 'n', 'n', 'n', 'n',	/* U+1E40 */
	'n', 'n', 'n', 'n', 'o', 'o', 'o', 'o',	/* U+1E48 */
	'o', 'o', 'o', 'o', 'p', 'p', 'p', 'p',	/* U+1E50 */
	'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r',	/* U+1E58 */
	's', 's', 's', 's', 's', 's', 's', 's',	/* U+1E60 */
	's', 's', 't', 't', 't', 't', 't', 't',	/* U+1E68 */
	't', 't', 'u', 'u', 'u', 'u', 'u', 'u',	/* U+1E70 */
	'u', 'u', 'u', 'u', 'v', 'v', 'v', 'v',	/* U+1E78 */
	'w', 'w', 'w', 'w', 'w', 'w', 'w', 'w',	/* U+1E80 */
	'w', 'w', 'x', 'x', 'x', 'x', 'y', 'y',	/* U+1E88 */
	'z', 'z', 'z', 'z', 'z', 'z', 'h', 't',	/* U+1E90 */
	'w', 'y', 'a', 's', 0, 0, 0x00DF, 0,	/* U+1E98 */
	'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a',	/* U+1EA0 */
	'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a',	/* U+1EA8 */
	'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a',	/* U+1EB0 */
	'e', 'e', 'e', 'e', 'e', 'e', 'e', 'e',	/* U+1EB8 */
	'e', 'e', 'e', 'e', 'e', 'e', 'e', 'e',	/* U+1EC0 */
	'i', 'i', 'i', 'i', 'o', 'o', 'o', 'o',	/* U+1EC8 */
	'o', 'o', 'o', 'o', 'o', 'o', 'o', 'o',	/* U+1ED0 */
	'o', 'o', 'o', 'o', 'o', 'o', 'o', 'o',	/* U+1ED8 */
	'o', 'o', 'o', 'o', 'u', 'u', 'u', 'u',	/* U+1EE0 */
	'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',	/* U+1EE8 */
	'u', 'u', 'y', 'y', 'y', 'y', 'y', 'y',	/* U+1EF0 */
	'y', 'y', 0x1EFB, 0, 0x1EFD, 0, 'y', 'y',	/* U+1EF8 */
};

/*
 * Decode one well-formed UTF-8 character (RFC 3629: no overlong forms, no surrogates, nothing
 * above U+10FFFF).  Returns its length, or 0 when in[0..len) does not start with one.
 */
static size_t
utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	unsigned char c = s[0];
	unsigned char lo = 0x80,
				hi = 0xBF;
	size_t		n;
	uint32_t	v;
	size_t		i;

	if (c < 0x80)
	{
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
	{
		n = 2;
		v = c & 0x1F;
	}
	else if (c >= 0xE0 && c <= 0xEF)
	{
		n = 3;
		v = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;			/* overlong */
		else if (c == 0xED)
			hi = 0x9F;			/* surrogates */
	}
	else if (c >= 0xF0 && c <= 0xF4)
	{
		n = 4;
		v = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;			/* overlong */
		else if (c == 0xF4)
			hi = 0x8F;			/* above U+10FFFF */
	}
	else
		return 0;

	if (len < n || s[1] < lo || s[1] > hi)
		return 0;
	v = (v << 6) | (s[1] & 0x3F);
	for (i = 2; i < n; i++)
	{
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	*cp = v;
	return n;
}

/* Encode a code point below U+10000 (the tables hold nothing higher). */
static size_t
utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80)
	{
		out[0] = (char) cp;
		return 1;
	}
	if (cp < 0x800)
	{
		out[0] = (char) (0xC0 | (cp >> 6));
		out[1] = (char) (0x80 | (cp & 0x3F));
		return 2;
	}
	out[0] = (char) (0xE0 | (cp >> 12));
	out[1] = (char) (0x80 | ((cp >> 6) & 0x3F));
	out[2] = (char) (0x80 | (cp & 0x3F));
	return 3;
}

size_t
vn_fold_char(const char *in, size_t len, size_t *used, char *out)
{
	const unsigned char *s = (const unsigned char *) in;
	uint32_t	cp;
	uint16_t	f = 0;
	size_t		n;

	if (len == 0)
	{
		*used = 0;
		return 0;
	}

	n = utf8_decode(s, len, &cp);
	if (n == 0)
	{
		/* not UTF-8: replace the byte, resynchronise on the next one */
		*used = 1;
		out[0] = '?';
		return 1;
	}
	*used = n;

	if (cp < 0x80)
	{
		out[0] = (cp >= 'A' && cp <= 'Z') ? (char) (cp + ('a' - 'A')) : (char) cp;
		return 1;
	}
	if (cp >= 0x0300 && cp <= 0x036F)
		return 0;				/* combining mark: NFD input folds like NFC */
	if (cp >= 0x00C0 && cp <= 0x024F)
		f = fold_latin[cp - 0x00C0];
	else if (cp >= 0x1E00 && cp <= 0x1EFF)
		f = fold_latin_additional[cp - 0x1E00];

	if (f != 0)
		return utf8_encode(f, out);

	/* memmove: out may be in itself */
	memmove(out, in, n);
	return n;
}

size_t
vn_fold(const char *in, size_t len, char *out, size_t cap)
{
	size_t		i = 0;
	size_t		total = 0;
	int			full = 0;

	while (i < len)
	{
		char		buf[VN_FOLD_CHAR_MAX];
		size_t		used;
		size_t		n = vn_fold_char(in + i, len - i, &used, buf);

		/* stop writing at the first character that does not fit, so the output is a prefix */
		if (!full && total + n <= cap)
			memcpy(out + total, buf, n);
		else
			full = 1;
		total += n;
		i += used;
	}
	return total;
}

/* The blank characters of textfold.h: White_Space, and the invisible format characters. */
static int
is_blank_cp(uint32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
	switch (cp)
	{
		case 0x0085:			/* next line */
		case 0x00A0:			/* no-break space */
		case 0x1680:			/* ogham space mark */
		case 0x2028:			/* line separator */
		case 0x2029:			/* paragraph separator */
		case 0x202F:			/* narrow no-break space */
		case 0x205F:			/* medium mathematical space */
		case 0x3000:			/* ideographic space */
		case 0x200B:			/* zero width space */
		case 0x200C:			/* zero width non-joiner */
		case 0x200D:			/* zero width joiner */
		case 0x2060:			/* word joiner */
		case 0xFEFF:			/* zero width no-break space, byte order mark */
			return 1;
	}
	return cp >= 0x2000 && cp <= 0x200A;	/* en quad .. hair space */
}

size_t
vn_blank_char(const char *s, size_t len)
{
	uint32_t	cp;
	size_t		n;

	if (len == 0)
		return 0;
	n = utf8_decode((const unsigned char *) s, len, &cp);
	return (n > 0 && is_blank_cp(cp)) ? n : 0;
}

int
vn_is_blank(const char *s, size_t len)
{
	size_t		i = 0;

	while (i < len)
	{
		size_t		n = vn_blank_char(s + i, len - i);

		if (n == 0)
			return 0;
		i += n;
	}
	return 1;
}

size_t
vn_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	if (len == 0)
		return 0;
	return utf8_decode((const unsigned char *) s, len, cp);
}
