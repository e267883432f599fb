package magic

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"unicode/utf8"
)

// MinSize is how many bytes of a file Suricata waits for before it looks
// its magic up (FILEMAGIC_MIN_SIZE), unless the file ends first.
const MinSize = 512

// maxLook bounds the bytes Describe reads.
const maxLook = 4096

type entry struct {
	prefix string
	offset int
	desc   func(b []byte) string
}

func fixed(s string) func([]byte) string { return func([]byte) string { return s } }

var table = []entry{
	{"%PDF-", 0, pdf},
	{"MZ", 0, mz},
	{"\x7fELF", 0, elf},
	{"PK\x03\x04", 0, zip},
	{"PK\x05\x06", 0, fixed("Zip archive data (empty)")},
	{"\x1f\x8b", 0, fixed("gzip compressed data")},
	{"BZh", 0, bzip2},
	{"7z\xbc\xaf\x27\x1c", 0, fixed("7-zip archive data, version 0.4")},
	{"Rar!\x1a\x07\x01\x00", 0, fixed("RAR archive data, v5")},
	{"Rar!\x1a\x07", 0, fixed("RAR archive data, v4")},
	{"\xfd7zXZ\x00", 0, fixed("XZ compressed data, checksum CRC64")},
	{"GIF87a", 0, gif},
	{"GIF89a", 0, gif},
	{"\x89PNG\r\n\x1a\n", 0, png},
	{"\xff\xd8\xff", 0, fixed("JPEG image data")},
	{"BM", 0, bmp},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, fixed("Composite Document File V2 Document")},
	{"{\\rtf", 0, fixed("Rich Text Format data")},
	{"\x78\x9f\x3e\x22", 0, fixed("Transport Neutral Encapsulation Format")},
	{"\xca\xfe\xba\xbe", 0, fixed("compiled Java class data")},
	{"ustar", 257, fixed("POSIX tar archive")},
	{"MSCF\x00\x00\x00\x00", 0, fixed("Microsoft Cabinet archive data")},
	{"OggS", 0, fixed("Ogg data")},
	{"ID3", 0, fixed("Audio file with ID3 version 2")},
	{"\x00\x00\x01\x00", 0, fixed("MS Windows icon resource")},
	{"#!/bin/sh", 0, fixed("POSIX shell script, ASCII text executable")},
	{"#!/bin/bash", 0, fixed("Bourne-Again shell script, ASCII text executable")},
	{"#!/usr/bin/env python", 0, fixed("Python script, ASCII text executable")},
	{"<?xml", 0, fixed("XML 1.0 document, ASCII text")},
}

// Describe returns the description of a file starting with b.
func Describe(b []byte) string {
	b = b[:min(len(b), maxLook)]
	for _, e := range table {
		if len(b) >= e.offset+len(e.prefix) && string(b[e.offset:e.offset+len(e.prefix)]) == e.prefix {
			return e.desc(b)
		}
	}
	if isHTML(b) {
		return "HTML document, " + text(b)
	}
	if len(b) == 0 {
		return "empty"
	}
	return text(b)
}

func pdf(b []byte) string {
	v := b[5:]
	end := 0
	for end < len(v) && end < 4 && (v[end] >= '0' && v[end] <= '9' || v[end] == '.') {
		end++
	}
	if end == 0 {
		return "PDF document"
	}
	return "PDF document, version " + string(v[:end])
}

func mz(b []byte) string {
	if len(b) < 0x40 {
		return "MS-DOS executable"
	}
	pe := int(binary.LittleEndian.Uint32(b[0x3c:]))
	if pe <= 0 || pe+24 > len(b) || string(b[pe:pe+4]) != "PE\x00\x00" {
		return "MS-DOS executable"
	}
	machine := binary.LittleEndian.Uint16(b[pe+4:])
	chars := binary.LittleEndian.Uint16(b[pe+22:])
	kind, sub := "PE32", uint16(0)
	if opt := pe + 24; opt+70 <= len(b) {
		if binary.LittleEndian.Uint16(b[opt:]) == 0x20b {
			kind = "PE32+"
		}
		sub = binary.LittleEndian.Uint16(b[opt+68:])
	}
	role := "executable"
	if chars&0x2000 != 0 {
		role = "executable (DLL)"
	}
	switch sub {
	case 2:
		role += " (GUI)"
	case 3:
		role += " (console)"
	}
	arch := map[uint16]string{0x14c: "Intel 80386", 0x8664: "x86-64", 0x1c0: "ARM", 0xaa64: "Aarch64"}[machine]
	if arch == "" {
		arch = fmt.Sprintf("Unknown processor type 0x%x", machine)
	}
	return fmt.Sprintf("%s %s %s, for MS Windows", kind, role, arch)
}

func elf(b []byte) string {
	if len(b) < 18 {
		return "ELF"
	}
	bits := map[byte]string{1: "32-bit", 2: "64-bit"}[b[4]]
	order := map[byte]string{1: "LSB", 2: "MSB"}[b[5]]
	var typ uint16
	if b[5] == 2 {
		typ = binary.BigEndian.Uint16(b[16:])
	} else {
		typ = binary.LittleEndian.Uint16(b[16:])
	}
	kind := map[uint16]string{1: "relocatable", 2: "executable", 3: "shared object", 4: "core file"}[typ]
	return fmt.Sprintf("ELF %s %s %s", bits, order, kind)
}

func zip(b []byte) string {
	if len(b) < 6 {
		return "Zip archive data"
	}
	v := binary.LittleEndian.Uint16(b[4:])
	return fmt.Sprintf("Zip archive data, at least v%d.%d to extract", v/10, v%10)
}

func bzip2(b []byte) string {
	if len(b) > 3 && b[3] >= '1' && b[3] <= '9' {
		return fmt.Sprintf("bzip2 compressed data, block size = %c00k", b[3])
	}
	return "bzip2 compressed data"
}

func gif(b []byte) string {
	s := "GIF image data, version " + string(b[3:6])
	if len(b) >= 10 {
		s += fmt.Sprintf(", %d x %d", binary.LittleEndian.Uint16(b[6:]), binary.LittleEndian.Uint16(b[8:]))
	}
	return s
}

func png(b []byte) string {
	if len(b) < 24 || string(b[12:16]) != "IHDR" {
		return "PNG image data"
	}
	return fmt.Sprintf("PNG image data, %d x %d", binary.BigEndian.Uint32(b[16:]), binary.BigEndian.Uint32(b[20:]))
}

func bmp(b []byte) string {
	if len(b) < 26 || binary.LittleEndian.Uint32(b[14:]) < 12 {
		return text(b)
	}
	return "PC bitmap"
}

func isHTML(b []byte) bool {
	t := bytes.TrimLeft(b, " \t\r\n")
	t = t[:min(len(t), 16)]
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body"} {
		if len(t) >= len(p) && bytes.EqualFold(t[:len(p)], []byte(p)) {
			return true
		}
	}
	return false
}

// text describes b as text, as libmagic's ascmagic does for the common
// cases: ASCII, UTF-8 or ISO-8859 text, with its line terminators; "data"
// when b holds control bytes text does not.
func text(b []byte) string {
	ascii, latin := true, true
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\b' && c != 0x1b {
			return "data"
		}
		if c >= 0x80 {
			ascii = false
		}
		if c >= 0x80 && c < 0xa0 {
			latin = false
		}
	}
	kind := "ASCII text"
	switch {
	case ascii:
	case utf8.Valid(b):
		kind = "Unicode text, UTF-8 text"
	case latin:
		kind = "ISO-8859 text"
	default:
		return "data"
	}
	crlf := bytes.Contains(b, []byte("\r\n"))
	lf := bytes.Count(b, []byte("\n")) > bytes.Count(b, []byte("\r\n"))
	switch {
	case crlf && lf:
		kind += ", with CRLF, LF line terminators"
	case crlf:
		kind += ", with CRLF line terminators"
	case !lf && bytes.IndexByte(b, '\r') >= 0:
		kind += ", with CR line terminators"
	case !lf && len(b) > 0:
		kind += ", with no line terminators"
	}
	return kind
}
