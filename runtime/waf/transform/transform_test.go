package transform

import (
	"slices"
	"testing"
)

func TestTransformations(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"lowercase", "AbC<Script>", "abc<script>"},
		{"lowercase", "already", "already"},
		{"uppercase", "AbC", "ABC"},
		{"urlDecode", "a%20b+c%3cd%zz%4", "a b c<d%zz%4"},
		{"urlDecodeUni", "%u0041%uFF0F%u00e9+%41%", "A/e A%"},
		{"urlDecodeUni", "%u201cq%u201d%u1234", "\"q\"4"},
		{"urlEncode", "a b/c*", "a+b%2fc*"},
		{"htmlEntityDecode", "&lt;a&#x41;&#66&quot;&nbsp;&amp;&foo;&#;", "<aAB\"\xa0&&foo;&#;"},
		{"jsDecode", `\x41\u0042\u00ff\uff0f\101\n\'\z\`, "AB\xff/A\n'z\\"},
		{"cssDecode", `\41\042 x\0000410\
y\"\`, "ABxA0y\""},
		{"cssDecode", `\ff0f`, "/"},
		{"cmdLine", `C^OMMAND /C "DIR" ;, x (y)`, "command/c dir x(y)"},
		{"compressWhitespace", "a \t\n b\xa0\xa0c  ", "a b c "},
		{"removeWhitespace", "a \tb\xa0c\n", "abc"},
		{"removeNulls", "a\x00b\x00", "ab"},
		{"replaceNulls", "a\x00b", "a b"},
		{"replaceComments", "a/* x */b/* open", "a b "},
		{"removeComments", "a/* x */b<!-- y -->c", "abc"},
		{"removeComments", "select 1 -- rest", "select 1  "},
		{"removeComments", "a#b", "a "},
		{"removeCommentsChar", "a/*b*/c<!--d-->e--f#g", "abcdefg"},
		{"normalisePath", "/a/./b/../../c//d/", "/c/d/"},
		{"normalizePath", "a/../../b/.", "../b"},
		{"normalisePath", "/../../etc/passwd", "/etc/passwd"},
		{"normalisePathWin", `c:\a\..\b\.\x`, "c:/b/x"},
		{"normalizePathWin", `..\x`, "../x"},
		{"base64Decode", "VGVzdA==", "Test"},
		{"base64Decode", "VGVzdA.garbage", "Test"},
		{"base64DecodeExt", "VG.Vz*dA", "Test"},
		{"base64Encode", "Test", "VGVzdA=="},
		{"hexEncode", "A\x00", "4100"},
		{"hexDecode", "4142", "AB"},
		{"hexDecode", "41z", "41z"},
		{"md5", "", "\xd4\x1d\x8c\xd9\x8f\x00\xb2\x04\xe9\x80\x09\x98\xec\xf8\x42\x7e"},
		{"sha1", "abc", "\xa9\x99\x3e\x36\x47\x06\x81\x6a\xba\x3e\x25\x71\x78\x50\xc2\x6c\x9c\xd0\xd8\x9d"},
		{"length", "héllo", "6"},
		{"trim", " \t a b \n", "a b"},
		{"trimLeft", "  a ", "a "},
		{"trimRight", " a  ", " a"},
		{"utf8toUnicode", "a\xc3\xa9\xe2\x82\xac\xff", "a%u00e9%u20ac\xff"},
		{"escapeSeqDecode", `\n\x41\101\563\8\xzz\`, "\nAAs8\\xzz\\"},
		{"sqlHexDecode", "select 0x414243, 0x4", "select ABC, 0x4"},
		{"parityEven7bit", "ac", "\xe1c"},
		{"parityOdd7bit", "ac", "a\xe3"},
		{"parityZero7bit", "\xe1\x80", "a\x00"},
	}
	for _, tt := range tests {
		f, ok := Lookup(tt.name)
		if !ok {
			t.Fatalf("%s not registered", tt.name)
		}
		if got := f(tt.in); got != tt.want {
			t.Errorf("%s(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

// TestNames checks that every transformation the SecLang compiler accepts
// (compiler/seclang/transforms.go, t:none aside) runs.
func TestNames(t *testing.T) {
	want := []string{
		"base64Decode", "base64DecodeExt", "base64Encode", "cmdLine", "compressWhitespace", "cssDecode",
		"escapeSeqDecode", "hexDecode", "hexEncode", "htmlEntityDecode", "jsDecode", "length", "lowercase", "md5",
		"normalisePath", "normalisePathWin", "normalizePath", "normalizePathWin", "parityEven7bit", "parityOdd7bit",
		"parityZero7bit", "removeComments", "removeCommentsChar", "removeNulls", "removeWhitespace", "replaceComments",
		"replaceNulls", "sha1", "sqlHexDecode", "trim", "trimLeft", "trimRight", "uppercase", "urlDecode",
		"urlDecodeUni", "urlEncode", "utf8toUnicode",
	}
	if got := Names(); !slices.Equal(got, want) {
		t.Errorf("Names() = %v, want %v", got, want)
	}
}

// TestNoChangeNoAllocation checks that values a decoder leaves alone come
// back without an allocation, which the engine's cache relies on.
func TestNoChangeNoAllocation(t *testing.T) {
	for _, name := range []string{"lowercase", "urlDecode", "urlDecodeUni", "htmlEntityDecode", "jsDecode",
		"cssDecode", "compressWhitespace", "removeWhitespace", "removeNulls", "replaceComments", "utf8toUnicode",
		"escapeSeqDecode", "normalisePath", "trim"} {
		f, _ := Lookup(name)
		in := "plain/value"
		if n := testing.AllocsPerRun(10, func() { _ = f(in) }); n != 0 || f(in) != in {
			t.Errorf("%s on %q: %v allocations, result %q", name, in, n, f(in))
		}
	}
}
