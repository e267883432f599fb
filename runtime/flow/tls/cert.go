package tls

import (
	"crypto/sha1"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

var (
	errCert = errors.New("tls: malformed certificate")
	// errCertHeader: an element's tag and length run past the data, what
	// Suricata's x509 parser finds incomplete.
	errCertHeader = fmt.Errorf("%w: element header cut short", errCert)
	// errCertOverrun: an element's length runs past its container.
	errCertOverrun = fmt.Errorf("%w: element longer than its container", errCert)
	errCertDER     = fmt.Errorf("%w: unexpected element", errCert)
	errCertVersion = fmt.Errorf("%w: version", errCert)
	errCertSerial  = fmt.Errorf("%w: serial", errCert)
	errCertAlg     = fmt.Errorf("%w: algorithm identifier", errCert)
	errCertName    = fmt.Errorf("%w: name", errCert)
	errCertDate    = fmt.Errorf("%w: validity", errCert)
	errCertExts    = fmt.Errorf("%w: extensions", errCert)
)

// Cert is what Suricata logs and inspects of a certificate, read from its
// DER as its x509 parser reads it: the names as they are, null bytes and
// empty names included, the serial as encoded, dates before 1970 too.
type Cert struct {
	Subject, Issuer string
	Serial          string // the encoded serial's bytes as colon-separated upper hex
	Fingerprint     string // SHA-1 of the DER as colon-separated lower hex
	NotBefore       time.Time
	NotAfter        time.Time
	SANs            []string // the subjectAltName entries as Suricata renders them
}

// der is one DER element.
type der struct {
	tag  byte
	body []byte
}

// next reads the element at the start of b and returns it with the rest.
func next(b []byte) (der, []byte, error) {
	if len(b) < 2 {
		return der{}, nil, errCertHeader
	}
	tag, n, hdr := b[0], int(b[1]), 2
	if n&0x80 != 0 {
		k := n & 0x7f
		switch {
		case k == 0 || k > 4:
			return der{}, nil, errCertDER
		case len(b) < 2+k:
			return der{}, nil, errCertHeader
		}
		n = 0
		for _, x := range b[2 : 2+k] {
			n = n<<8 | int(x)
		}
		hdr += k
	}
	if n < 0 || len(b)-hdr < n {
		return der{}, nil, errCertOverrun
	}
	return der{tag, b[hdr : hdr+n]}, b[hdr+n:], nil
}

// elements reads all elements of a constructed element's body.
func elements(b []byte) ([]der, error) {
	var out []der
	for len(b) > 0 {
		e, rest, err := next(b)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
		b = rest
	}
	return out, nil
}

const (
	tagInteger   = 0x02
	tagOctets    = 0x04
	tagOID       = 0x06
	tagSequence  = 0x30
	tagUTCTime   = 0x17
	tagGenTime   = 0x18
	tagBMPString = 0x1e
	tagVersion   = 0xa0 // [0] EXPLICIT
	tagExts      = 0xa3 // [3] EXPLICIT
)

// ParseCert reads a DER certificate. Its error tells what Suricata's
// x509 parser finds wrong (CertEvent).
func ParseCert(raw []byte) (*Cert, error) {
	top, _, err := next(raw)
	if err != nil {
		return nil, err
	}
	if top.tag != tagSequence {
		return nil, errCertDER
	}
	tbsEl, _, err := next(top.body)
	if err != nil {
		return nil, err
	}
	if tbsEl.tag != tagSequence {
		return nil, errCertDER
	}
	tbs, err := elements(tbsEl.body)
	if err != nil {
		return nil, err
	}
	if len(tbs) > 0 && tbs[0].tag == tagVersion {
		if v, err := elements(tbs[0].body); err != nil || len(v) != 1 || v[0].tag != tagInteger {
			return nil, errCertVersion
		}
		tbs = tbs[1:]
	}
	// serial, signature, issuer, validity, subject, key, then optional fields
	switch {
	case len(tbs) < 1 || tbs[0].tag != tagInteger:
		return nil, errCertSerial
	case len(tbs) < 2 || tbs[1].tag != tagSequence:
		return nil, errCertAlg
	case len(tbs) < 3 || tbs[2].tag != tagSequence:
		return nil, errCertName
	case len(tbs) < 4 || tbs[3].tag != tagSequence:
		return nil, errCertDate
	case len(tbs) < 5 || tbs[4].tag != tagSequence:
		return nil, errCertName
	case len(tbs) < 6:
		return nil, errCertDER
	}
	c := &Cert{Serial: colonHex(tbs[0].body, true)}
	sum := sha1.Sum(raw)
	c.Fingerprint = colonHex(sum[:], false)
	if c.Issuer, err = dnString(tbs[2].body); err != nil {
		return nil, fmt.Errorf("%w: %w", errCertName, err)
	}
	if c.Subject, err = dnString(tbs[4].body); err != nil {
		return nil, fmt.Errorf("%w: %w", errCertName, err)
	}
	validity, err := elements(tbs[3].body)
	if err != nil || len(validity) != 2 {
		return nil, errCertDate
	}
	if c.NotBefore, err = certTimeOf(validity[0]); err != nil {
		return nil, fmt.Errorf("%w: %w", errCertDate, err)
	}
	if c.NotAfter, err = certTimeOf(validity[1]); err != nil {
		return nil, fmt.Errorf("%w: %w", errCertDate, err)
	}
	for _, e := range tbs[6:] {
		if e.tag != tagExts {
			continue
		}
		if seq, _, err := next(e.body); err != nil || seq.tag != tagSequence {
			return nil, errCertExts
		} else if _, err := elements(seq.body); err != nil {
			return nil, errCertExts
		}
		c.SANs = sans(e.body)
	}
	return c, nil
}

// CertEvent is the event Suricata raises for a certificate ParseCert
// refused with err: a field's error names the field, a header cut short
// is a length error, anything else an invalid certificate.
func CertEvent(err error) Event {
	for _, m := range []struct {
		err error
		ev  Event
	}{
		{errCertVersion, EventCertInvalidVersion}, {errCertSerial, EventCertInvalidSerial},
		{errCertAlg, EventCertInvalidAlgorithm}, {errCertName, EventCertInvalidX509Name},
		{errCertDate, EventCertInvalidDate}, {errCertExts, EventCertInvalidExtensions},
		{errCertHeader, EventCertInvalidLength},
		{errCertDER, EventCertInvalidDER},
	} {
		if errors.Is(err, m.err) {
			return m.ev
		}
	}
	return EventInvalidCertificate
}

// certTimeOf reads a UTCTime (years 1950 to 2049) or GeneralizedTime.
func certTimeOf(e der) (time.Time, error) {
	s := strings.TrimSuffix(string(e.body), "Z")
	var layout string
	switch {
	case e.tag == tagUTCTime && len(s) == 12:
		layout = "060102150405"
	case e.tag == tagUTCTime && len(s) == 10:
		layout = "0601021504"
	case e.tag == tagGenTime && len(s) >= 14:
		layout, s = "20060102150405", s[:14]
	default:
		return time.Time{}, errCert
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: %w", errCert, err)
	}
	if e.tag == tagUTCTime && t.Year() >= 2050 {
		t = t.AddDate(-100, 0, 0)
	}
	return t, nil
}

// oidString renders an OID in dotted form.
func oidString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	var parts []string
	v := 0
	first := true
	for _, x := range b {
		v = v<<7 | int(x&0x7f)
		if x&0x80 != 0 {
			continue
		}
		if first {
			a := min(v/40, 2)
			parts = append(parts, strconv.Itoa(a), strconv.Itoa(v-40*a))
			first = false
		} else {
			parts = append(parts, strconv.Itoa(v))
		}
		v = 0
	}
	return strings.Join(parts, ".")
}

// dnAbbrev are the names Suricata's x509 parser writes for DN attributes:
// its abbreviations, else the OID registry's short names.
var dnAbbrev = map[string]string{
	"2.5.4.3": "CN", "2.5.4.6": "C", "2.5.4.7": "L", "2.5.4.8": "ST", "2.5.4.10": "O", "2.5.4.11": "OU",
	"0.9.2342.19200300.100.1.25": "DC", "1.2.840.113549.1.9.1": "Email",
	"2.5.4.4": "surname", "2.5.4.5": "serialNumber", "2.5.4.9": "streetAddress", "2.5.4.12": "title",
	"2.5.4.13": "description", "2.5.4.15": "businessCategory", "2.5.4.17": "postalCode",
	"2.5.4.41": "name", "2.5.4.42": "givenName", "2.5.4.43": "initials", "2.5.4.46": "dnQualifier",
	"2.5.4.65":                 "pseudonym",
	"1.3.6.1.4.1.311.60.2.1.1": "jurisdictionOfIncorporationLocalityName",
	"1.3.6.1.4.1.311.60.2.1.2": "jurisdictionOfIncorporationStateOrProvinceName",
	"1.3.6.1.4.1.311.60.2.1.3": "jurisdictionOfIncorporationCountryName",
}

// dnString renders a Name (the body of its RDNSequence) as Suricata:
// "C=US, O=Let's Encrypt, CN=R3", attributes of one RDN joined by " + ",
// string values as they are, other values as upper hex of their DER.
func dnString(body []byte) (string, error) {
	rdns, err := elements(body)
	if err != nil {
		return "", err
	}
	var out []string
	for _, rdn := range rdns {
		atvs, err := elements(rdn.body)
		if err != nil {
			return "", err
		}
		var set []string
		for _, atv := range atvs {
			tv, err := elements(atv.body)
			if err != nil || len(tv) != 2 || tv[0].tag != tagOID {
				return "", errCert
			}
			oid := oidString(tv[0].body)
			name, ok := dnAbbrev[oid]
			if !ok {
				name = "OID(" + oid + ")"
			}
			set = append(set, name+"="+attrValue(tv[1]))
		}
		out = append(out, strings.Join(set, " + "))
	}
	return strings.Join(out, ", "), nil
}

// attrValue renders an attribute value: the string types as their bytes
// (BMPString decoded from UTF-16), anything else as upper hex.
func attrValue(e der) string {
	switch e.tag {
	case 0x12, 0x1a, 0x13, 0x1b, 0x07, 0x19, 0x14, 0x15, 0x0c, 0x16: // Numeric, Visible, Printable, General, ObjectDescriptor, Graphic, T61, Videotex, UTF8, IA5
		return string(e.body)
	case tagBMPString:
		u := make([]uint16, len(e.body)/2)
		for i := range u {
			u[i] = uint16(e.body[2*i])<<8 | uint16(e.body[2*i+1])
		}
		return string(utf16.Decode(u))
	}
	return strings.ToUpper(fmt.Sprintf("%x", e.body))
}

// oidSAN is the subjectAltName extension.
const oidSAN = "2.5.29.17"

// sans reads the subjectAltName entries of a certificate's extensions:
// DNS names and URIs as they are, IP addresses as the list of their
// bytes, e-mail addresses as RFC822Name(...).
func sans(body []byte) []string {
	seq, _, err := next(body)
	if err != nil {
		return nil
	}
	exts, err := elements(seq.body)
	if err != nil {
		return nil
	}
	for _, ext := range exts {
		f, err := elements(ext.body)
		if err != nil || len(f) < 2 || f[0].tag != tagOID || oidString(f[0].body) != oidSAN {
			continue
		}
		val := f[len(f)-1]
		if val.tag != tagOctets {
			return nil
		}
		list, _, err := next(val.body)
		if err != nil {
			return nil
		}
		names, err := elements(list.body)
		if err != nil {
			return nil
		}
		var out []string
		for _, n := range names {
			switch n.tag & 0x1f {
			case 1:
				out = append(out, "RFC822Name("+string(n.body)+")")
			case 2, 6:
				out = append(out, string(n.body))
			case 7:
				parts := make([]string, len(n.body))
				for i, x := range n.body {
					parts[i] = strconv.Itoa(int(x))
				}
				out = append(out, "["+strings.Join(parts, ", ")+"]")
			}
		}
		return out
	}
	return nil
}
