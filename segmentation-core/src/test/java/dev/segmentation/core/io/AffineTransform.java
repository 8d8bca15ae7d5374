package dev.segmentation.core.io;

import dev.segmentation.core.FeatureTransform;

import java.util.List;

/** A test transform: out[j] = in[j] * scale[j] + shift[j], with a domain check. */
public final class AffineTransform implements FeatureTransform {
    final List<String> in;
    final List<String> out;
    final double[] scale;
    final double[] shift;

    public AffineTransform(List<String> in, List<String> out, double[] scale, double[] shift) {
        this.in = List.copyOf(in);
        this.out = List.copyOf(out);
        this.scale = scale.clone();
        this.shift = shift.clone();
    }

    @Override
    public List<String> inputNames() {
        return in;
    }

    @Override
    public List<String> outputNames() {
        return out;
    }

    @Override
    public void transformRow(double[] x, int inOffset, double[] y, int outOffset) {
        for (int j = 0; j < scale.length; j++) {
            double v = x[inOffset + j];
            if (!(v >= 0)) {
                throw new IllegalArgumentException("Column '" + in.get(j) + "' must be >= 0 but was " + v);
            }
            y[outOffset + j] = v * scale[j] + shift[j];
        }
    }

    /** Its codec, registered in the test resources. */
    public static final class Codec implements ModelCodec<AffineTransform> {
        /** For the service loader. */
        public Codec() {
        }

        @Override
        public String type() {
            return "test-affine";
        }

        @Override
        public Class<AffineTransform> modelClass() {
            return AffineTransform.class;
        }

        @Override
        public Section encode(AffineTransform t) {
            return Section.builder().put("in", t.in).put("out", t.out).put("scale", t.scale).put("shift", t.shift)
                    .build();
        }

        @Override
        public AffineTransform decode(Section s, int version) throws ModelFormatException {
            List<String> in = s.getStrings("in", -1);
            return new AffineTransform(in, s.getStrings("out", in.size()), s.getDoubles("scale", in.size()),
                    s.getDoubles("shift", in.size()));
        }
    }
}
