package eve

import (
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"fmt"

	"go.yaml.in/yaml/v3"
)

// CommunityID is the eve-log output's community-id setting: records of a
// flow carry its Community ID (version 1) computed with Seed.
type CommunityID struct {
	Seed uint16
}

// icmpCounterparts pair the ICMP (proto 1) and ICMPv6 (58) request and
// reply types, as Suricata's flows do.
var icmpCounterparts = map[uint8]map[uint8]uint8{
	1:  pairs(8, 0, 13, 14, 15, 16, 10, 9, 17, 18),
	58: pairs(128, 129, 135, 136, 133, 134, 130, 131, 139, 140, 144, 145, 146, 147, 148, 149, 151, 152, 157, 158),
}

func pairs(types ...uint8) map[uint8]uint8 {
	m := map[uint8]uint8{}
	for i := 0; i+1 < len(types); i += 2 {
		m[types[i]], m[types[i+1]] = types[i+1], types[i]
	}
	return m
}

// ID is the Community ID of the flow of an event: the SHA-1 of the seed,
// the endpoints in order (the lesser address first, or the lesser port
// when the addresses are equal), the protocol and the ports (ICMP: the
// type and its counterpart), base64, after "1:". It is the same either
// way, so the event's direction does not matter; "" without addresses.
func (c *CommunityID) ID(ev *Event) string {
	if c == nil || ev.FlowID == 0 || !ev.SrcIP.IsValid() || !ev.DestIP.IsValid() || ev.SrcIP.Is4() != ev.DestIP.Is4() {
		return ""
	}
	sp, dp := ev.SrcPort, ev.DestPort
	if cp, ok := icmpCounterparts[ev.Proto]; ok {
		sp, dp = 0, 0
		if ev.ICMP != nil {
			sp, dp = uint16(ev.ICMP.Type), uint16(cp[ev.ICMP.Type])
		}
	}
	src, dst := ev.SrcIP, ev.DestIP
	if cmp := src.Compare(dst); cmp > 0 || cmp == 0 && sp >= dp {
		src, dst, sp, dp = dst, src, dp, sp
	}
	b := binary.BigEndian.AppendUint16(nil, c.Seed)
	b = append(b, src.AsSlice()...)
	b = append(b, dst.AsSlice()...)
	b = append(b, ev.Proto, 0)
	b = binary.BigEndian.AppendUint16(b, sp)
	b = binary.BigEndian.AppendUint16(b, dp)
	sum := sha1.Sum(b)
	return "1:" + base64.StdEncoding.EncodeToString(sum[:])
}

// CommunityIDFromYAML reads the community-id and community-id-seed
// settings of the first eve-log output of a suricata.yaml; nil when off.
func CommunityIDFromYAML(data []byte) (*CommunityID, error) {
	var doc struct {
		Outputs []map[string]struct {
			On   any    `yaml:"community-id"`
			Seed uint16 `yaml:"community-id-seed"`
		} `yaml:"outputs"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("outputs: %w", err)
	}
	for _, o := range doc.Outputs {
		if el, ok := o["eve-log"]; ok {
			if !Yes(el.On) {
				return nil, nil
			}
			return &CommunityID{Seed: el.Seed}, nil
		}
	}
	return nil, nil
}
