package io.gatefill.core.tools;

/** Size (diameter in image pixels) and hardness (1 = crisp edge, 0 = feathered to the rim) of one tool. */
public final class BrushSettings {
    public static final int MIN_SIZE = 1;
    /** Large enough to cover a large object on a 24 MP (6000 x 4000) photo in one stroke. */
    public static final int MAX_SIZE = 3000;

    private int size;
    private double hardness;

    public BrushSettings(int size, double hardness) {
        setSize(size);
        setHardness(hardness);
    }

    public int size() {
        return size;
    }

    public void setSize(int size) {
        this.size = Math.max(MIN_SIZE, Math.min(MAX_SIZE, size));
    }

    public double hardness() {
        return hardness;
    }

    public void setHardness(double hardness) {
        this.hardness = Math.max(0, Math.min(1, hardness));
    }

    /** The next size for the ] key: steps grow with the size, as in common editors. */
    public static int larger(int size) {
        return Math.min(MAX_SIZE, size + step(size));
    }

    /** The next size for the [ key. */
    public static int smaller(int size) {
        return Math.max(MIN_SIZE, size - step(size - 1));
    }

    private static int step(int size) {
        if (size < 10) {
            return 1;
        }
        if (size < 50) {
            return 5;
        }
        if (size < 200) {
            return 10;
        }
        return 50;
    }
}
