package cloudformation

import (
	"math/big"
	"net/netip"
)

// fnCidr resolves Fn::Cidr [ipBlock, count, cidrBits]: count consecutive
// blocks of cidrBits host bits (a /24 for 8 bits of IPv4), from the start of
// ipBlock.
func fnCidr(s *stack, args any, ap, p pos) ev {
	l, ok := s.argList("Fn::Cidr", args, ap, 3, 3)
	if !ok {
		return ev{unknown, leaf(p, nil)}
	}
	a := []ev{s.eval(l[0], ap.elem(0)), s.eval(l[1], ap.elem(1)), s.eval(l[2], ap.elem(2))}
	if r, stop := blocked(p, a...); stop {
		return r
	}
	block, s0 := unwrapSecret(a[0].v)
	countV, s1 := unwrapSecret(a[1].v)
	bitsV, s2 := unwrapSecret(a[2].v)
	show := describeValue
	if s0 || s1 || s2 {
		show = func(any) string { return redacted }
	}
	str, _ := block.(string)
	prefix, err := netip.ParsePrefix(str)
	if err != nil {
		s.warnf(ap.elem(0), "Fn::Cidr: %s is not a CIDR block; its value is unknown", show(block))
		return unknownAt(p, a...)
	}
	count, ok := toInt(countV)
	if !ok || count < 1 || count > 256 {
		s.warnf(ap.elem(1), "Fn::Cidr: the count is %s, not a number from 1 to 256; its value is unknown", show(countV))
		return unknownAt(p, a...)
	}
	bits, ok := toInt(bitsV)
	total := int64(prefix.Addr().BitLen())
	if !ok || bits < 0 || total-bits < int64(prefix.Bits()) {
		s.warnf(ap.elem(2), "Fn::Cidr: %s subnet bits do not fit in %s; its value is unknown", show(bitsV), show(prefix.String()))
		return unknownAt(p, a...)
	}
	blocks, ok := cidrs(prefix, int(count), int(bits))
	if !ok {
		s.warnf(p, "Fn::Cidr: %s holds fewer than %d blocks of %d host bits; its value is unknown", show(prefix.String()), count, bits)
		return unknownAt(p, a...)
	}
	out := any(blocks)
	if s0 || s1 || s2 {
		out = secret{v: blocks}
	}
	return scalarAt(out, p, a...)
}

// cidrs returns count consecutive blocks of hostBits host bits starting at
// the network address of prefix, or false when they do not all fit.
func cidrs(prefix netip.Prefix, count, hostBits int) ([]any, bool) {
	total := prefix.Addr().BitLen()
	newLen := total - hostBits
	if count > 1 && newLen-prefix.Bits() < 62 && int64(count) > int64(1)<<(newLen-prefix.Bits()) {
		return nil, false
	}
	base := new(big.Int).SetBytes(prefix.Masked().Addr().AsSlice())
	step := new(big.Int).Lsh(big.NewInt(1), uint(hostBits))
	out := make([]any, count)
	buf := make([]byte, total/8)
	for i := range out {
		base.FillBytes(buf)
		addr, _ := netip.AddrFromSlice(buf)
		out[i] = netip.PrefixFrom(addr, newLen).String()
		base.Add(base, step)
	}
	return out, true
}
