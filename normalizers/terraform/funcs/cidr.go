package funcs

import (
	"fmt"
	"math/big"
	"net/netip"
	"strconv"
	"strings"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// maxSubnetsExtension is the largest number of bits cidrsubnets extends a
// prefix by in one step, as in Terraform.
const maxSubnetsExtension = 32

// network is a parsed CIDR prefix: its network address (host bits cleared)
// as an integer, its prefix length, and its address family.
type network struct {
	base *big.Int
	bits int
	v4   bool
}

// addrBits is the length in bits of the network's addresses.
func (n network) addrBits() int {
	if n.v4 {
		return 32
	}
	return 128
}

// hostBits is the number of bits after the prefix.
func (n network) hostBits() int { return n.addrBits() - n.bits }

// addr returns the address with integer value v in the network's family.
func (n network) addr(v *big.Int) netip.Addr {
	buf := make([]byte, n.addrBits()/8)
	v.FillBytes(buf)
	a, _ := netip.AddrFromSlice(buf)
	return a
}

// prefixString formats the prefix of the given length starting at v.
func (n network) prefixString(v *big.Int, bits int) string {
	return netip.PrefixFrom(n.addr(v), bits).String()
}

// parseCIDR parses a prefix in CIDR notation as Terraform does: IPv4 octets
// with leading zeros are read as decimal, and the address is masked to the
// prefix.
func parseCIDR(s string) (network, error) {
	bad := fmt.Errorf("invalid CIDR expression: invalid CIDR address: %s", s)
	addrPart, lenPart, ok := strings.Cut(s, "/")
	if !ok {
		return network{}, bad
	}
	var addr netip.Addr
	if strings.Contains(addrPart, ":") {
		a, err := netip.ParseAddr(addrPart)
		if err != nil || a.Zone() != "" {
			return network{}, bad
		}
		addr = a
	} else {
		a, ok := parseDecimalIPv4(addrPart)
		if !ok {
			return network{}, bad
		}
		addr = a
	}
	bits, ok := parseDecimal(lenPart, addr.BitLen())
	if !ok {
		return network{}, bad
	}
	n := network{base: new(big.Int).SetBytes(addr.AsSlice()), bits: bits, v4: addr.Is4()}
	// Clear the host bits.
	host := new(big.Int).Lsh(big.NewInt(1), uint(n.hostBits()))
	host.Sub(host, big.NewInt(1))
	n.base.AndNot(n.base, host)
	return n, nil
}

// parseDecimal parses a non-empty string of at most 10 ASCII digits whose
// value is at most max.
func parseDecimal(s string, max int) (int, bool) {
	if s == "" || len(s) > 10 {
		return 0, false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	v, err := strconv.Atoi(s)
	if err != nil || v > max {
		return 0, false
	}
	return v, true
}

// parseDecimalIPv4 parses a dotted-decimal IPv4 address whose octets may
// have leading zeros.
func parseDecimalIPv4(s string) (netip.Addr, bool) {
	parts := strings.Split(s, ".")
	if len(parts) != 4 {
		return netip.Addr{}, false
	}
	var b [4]byte
	for i, p := range parts {
		v, ok := parseDecimal(p, 255)
		if !ok {
			return netip.Addr{}, false
		}
		b[i] = byte(v)
	}
	return netip.AddrFrom4(b), true
}

// wholeNumber returns v, a known number, as an integer, or false if it has
// a fractional part or is infinite.
func wholeNumber(v cty.Value) (*big.Int, bool) {
	f := v.AsBigFloat()
	if !f.IsInt() {
		return nil, false
	}
	i, _ := f.Int(nil)
	return i, true
}

// CidrHostFunc is cidrhost(prefix, hostnum): the address numbered hostnum
// within prefix, counting from the end of the range if hostnum is negative.
var CidrHostFunc = function.New(&function.Spec{
	Description: "Calculates a full host IP address within a given IP network address prefix.",
	Params: []function.Parameter{
		{Name: "prefix", Description: "An IP network prefix in CIDR notation.", Type: cty.String},
		{Name: "hostnum", Description: "The host number within the prefix; negative numbers count from the end.", Type: cty.Number},
	},
	Type: function.StaticReturnType(cty.String),
	RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder {
		return b.NotNull()
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		hostnum, ok := wholeNumber(args[1])
		if !ok {
			return cty.UnknownVal(cty.String), function.NewArgErrorf(1, "hostnum must be a whole number")
		}
		n, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), function.NewArgError(0, err)
		}
		size := new(big.Int).Lsh(big.NewInt(1), uint(n.hostBits()))
		host := new(big.Int).Set(hostnum)
		if host.Sign() < 0 {
			host.Add(host, size)
		}
		if host.Sign() < 0 || host.Cmp(size) >= 0 {
			return cty.UnknownVal(cty.String), function.NewArgErrorf(1, "prefix of %d does not accommodate a host numbered %d", n.bits, hostnum)
		}
		return cty.StringVal(n.addr(host.Add(host, n.base)).String()), nil
	},
})

// CidrNetmaskFunc is cidrnetmask(prefix): the dotted-decimal netmask of an
// IPv4 prefix.
var CidrNetmaskFunc = function.New(&function.Spec{
	Description: "Converts an IPv4 address prefix given in CIDR notation into a subnet mask address.",
	Params: []function.Parameter{
		{Name: "prefix", Description: "An IPv4 network prefix in CIDR notation.", Type: cty.String},
	},
	Type: function.StaticReturnType(cty.String),
	RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder {
		return b.NotNull()
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		s := args[0].AsString()
		n, err := parseCIDR(s)
		if err != nil {
			return cty.UnknownVal(cty.String), function.NewArgError(0, err)
		}
		if !n.v4 {
			return cty.UnknownVal(cty.String), function.NewArgErrorf(0, "IPv6 addresses cannot have a netmask: %s", s)
		}
		mask := uint32(0)
		if n.bits > 0 {
			mask = ^uint32(0) << (32 - n.bits)
		}
		a := netip.AddrFrom4([4]byte{byte(mask >> 24), byte(mask >> 16), byte(mask >> 8), byte(mask)})
		return cty.StringVal(a.String()), nil
	},
})

// CidrSubnetFunc is cidrsubnet(prefix, newbits, netnum): the subnet numbered
// netnum among those of prefix extended by newbits bits.
var CidrSubnetFunc = function.New(&function.Spec{
	Description: "Calculates a subnet address within a given IP network address prefix.",
	Params: []function.Parameter{
		{Name: "prefix", Description: "An IP network prefix in CIDR notation.", Type: cty.String},
		{Name: "newbits", Description: "The number of bits to extend the prefix by.", Type: cty.Number},
		{Name: "netnum", Description: "The subnet number, which must fit in newbits bits.", Type: cty.Number},
	},
	Type: function.StaticReturnType(cty.String),
	RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder {
		return b.NotNull()
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		newbits, ok := wholeNumber(args[1])
		if !ok {
			return cty.UnknownVal(cty.String), function.NewArgErrorf(1, "newbits must be a whole number")
		}
		netnum, ok := wholeNumber(args[2])
		if !ok {
			return cty.UnknownVal(cty.String), function.NewArgErrorf(2, "netnum must be a whole number")
		}
		n, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), function.NewArgError(0, err)
		}
		if newbits.Sign() < 0 {
			return cty.UnknownVal(cty.String), function.NewArgErrorf(1, "cannot extend prefix by a negative number of bits (%d)", newbits)
		}
		if newbits.Cmp(big.NewInt(int64(n.hostBits()))) > 0 {
			return cty.UnknownVal(cty.String), function.NewArgErrorf(1, "insufficient address space to extend prefix of %d by %d", n.bits, newbits)
		}
		extra := int(newbits.Int64())
		if netnum.Sign() < 0 || netnum.BitLen() > extra {
			return cty.UnknownVal(cty.String), function.NewArgErrorf(2, "prefix extension of %d does not accommodate a subnet numbered %d", extra, netnum)
		}
		length := n.bits + extra
		start := new(big.Int).Lsh(netnum, uint(n.addrBits()-length))
		start.Or(start, n.base)
		return cty.StringVal(n.prefixString(start, length)), nil
	},
})

// CidrSubnetsFunc is cidrsubnets(prefix, newbits...): consecutive subnets of
// prefix, one per newbits argument, each aligned to its own size.
var CidrSubnetsFunc = function.New(&function.Spec{
	Description: "Calculates a sequence of consecutive subnet prefixes that may be of different prefix lengths under a common base prefix.",
	Params: []function.Parameter{
		{Name: "prefix", Description: "An IP network prefix in CIDR notation.", Type: cty.String},
	},
	VarParam: &function.Parameter{
		Name:        "newbits",
		Description: "The number of bits to extend the prefix by, for each subnet.",
		Type:        cty.Number,
	},
	Type: function.StaticReturnType(cty.List(cty.String)),
	RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder {
		return b.NotNull()
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		n, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.List(cty.String)), function.NewArgError(0, err)
		}
		if len(args) == 1 {
			return cty.ListValEmpty(cty.String), nil
		}

		one := big.NewInt(1)
		parentEnd := new(big.Int).Lsh(one, uint(n.hostBits()))
		parentEnd.Add(parentEnd, n.base)
		next := new(big.Int).Set(n.base) // first address not yet allocated
		prev := ""
		out := make([]cty.Value, 0, len(args)-1)
		for i, arg := range args[1:] {
			argIdx := i + 1
			nb, ok := wholeNumber(arg)
			if !ok {
				return cty.UnknownVal(cty.List(cty.String)), function.NewArgErrorf(argIdx, "newbits must be a whole number")
			}
			if nb.Sign() < 1 {
				return cty.UnknownVal(cty.List(cty.String)), function.NewArgErrorf(argIdx, "must extend prefix by at least one bit")
			}
			if nb.Cmp(big.NewInt(maxSubnetsExtension)) > 0 {
				return cty.UnknownVal(cty.List(cty.String)), function.NewArgErrorf(argIdx, "may not extend prefix by more than %d bits", maxSubnetsExtension)
			}
			length := n.bits + int(nb.Int64())
			if length > n.addrBits() {
				family := 6
				if n.v4 {
					family = 4
				}
				return cty.UnknownVal(cty.List(cty.String)), function.NewArgErrorf(argIdx, "would extend prefix to %d bits, which is too long for an IPv%d address", length, family)
			}

			// Align the next free address up to a multiple of this subnet's size.
			size := new(big.Int).Lsh(one, uint(n.addrBits()-length))
			start := new(big.Int).Add(next, size)
			start.Sub(start, one)
			start.Div(start, size)
			start.Mul(start, size)
			end := new(big.Int).Add(start, size)
			if end.Cmp(parentEnd) > 0 {
				return cty.UnknownVal(cty.List(cty.String)), function.NewArgErrorf(argIdx, "not enough remaining address space for a subnet with a prefix of %d bits after %s", length, prev)
			}
			prev = n.prefixString(start, length)
			out = append(out, cty.StringVal(prev))
			next = end
		}
		return cty.ListVal(out), nil
	},
})
