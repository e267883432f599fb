package magic

import (
	"encoding/binary"
	"testing"
)

func TestDescribe(t *testing.T) {
	pe := make([]byte, 0x200)
	copy(pe, "MZ")
	binary.LittleEndian.PutUint32(pe[0x3c:], 0x80)
	copy(pe[0x80:], "PE\x00\x00")
	binary.LittleEndian.PutUint16(pe[0x84:], 0x14c)
	binary.LittleEndian.PutUint16(pe[0x98:], 0x10b)
	binary.LittleEndian.PutUint16(pe[0x98+68:], 2)
	elf := append([]byte("\x7fELF\x02\x01\x01"), make([]byte, 9)...)
	elf = append(elf, 3, 0)
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x10\x00\x00\x00\x20")
	for _, c := range []struct {
		in   []byte
		want string
	}{
		{[]byte("%PDF-1.4\n%\xe2\xe3"), "PDF document, version 1.4"},
		{pe, "PE32 executable (GUI) Intel 80386, for MS Windows"},
		{[]byte("MZ\x90\x00"), "MS-DOS executable"},
		{elf, "ELF 64-bit LSB shared object"},
		{[]byte("PK\x03\x04\x14\x00"), "Zip archive data, at least v2.0 to extract"},
		{[]byte("GIF89a\x02\x00\x03\x00"), "GIF image data, version 89a, 2 x 3"},
		{png, "PNG image data, 16 x 32"},
		{[]byte("\x78\x9f\x3e\x22\x01"), "Transport Neutral Encapsulation Format"},
		{[]byte("<!DOCTYPE html>\n<html></html>\n"), "HTML document, ASCII text"},
		{[]byte("hello\r\nworld\r\n"), "ASCII text, with CRLF line terminators"},
		{[]byte("hello"), "ASCII text, with no line terminators"},
		{[]byte("h\xc3\xa9llo\n"), "Unicode text, UTF-8 text"},
		{[]byte("\x00\x01\x02\x03"), "data"},
		{nil, "empty"},
	} {
		if got := Describe(c.in); got != c.want {
			t.Errorf("Describe(%q) = %q, want %q", c.in[:min(len(c.in), 12)], got, c.want)
		}
	}
}
