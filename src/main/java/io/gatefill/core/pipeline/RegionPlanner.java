package io.gatefill.core.pipeline;

import io.gatefill.core.raster.Rect;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits a hole mask into regions: 8-connected components whose bounding boxes are merged while they
 * lie within a merge distance of each other, so the returned boxes are pairwise disjoint and each can
 * be filled by its own window.
 */
final class RegionPlanner {
    static final int MAX_COMPONENTS = 2000;

    private RegionPlanner() {
    }

    /** Bounding boxes of the 8-connected components of {@code mask}, in scan order. */
    static List<Rect> components(BinaryMask mask) {
        int w = mask.width;
        int h = mask.height;
        byte[] seen = new byte[w * h];
        int[] stack = new int[1024];
        List<Rect> boxes = new ArrayList<>();
        for (int start = 0; start < w * h; start++) {
            if (mask.bits[start] == 0 || seen[start] != 0) {
                continue;
            }
            int minX = Integer.MAX_VALUE;
            int minY = Integer.MAX_VALUE;
            int maxX = -1;
            int maxY = -1;
            int top = 0;
            stack[top++] = start;
            seen[start] = 1;
            while (top > 0) {
                int p = stack[--top];
                int px = p % w;
                int py = p / w;
                minX = Math.min(minX, px);
                maxX = Math.max(maxX, px);
                minY = Math.min(minY, py);
                maxY = Math.max(maxY, py);
                for (int dy = -1; dy <= 1; dy++) {
                    int ny = py + dy;
                    if (ny < 0 || ny >= h) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = px + dx;
                        if (nx < 0 || nx >= w) {
                            continue;
                        }
                        int q = ny * w + nx;
                        if (mask.bits[q] != 0 && seen[q] == 0) {
                            seen[q] = 1;
                            if (top == stack.length) {
                                stack = java.util.Arrays.copyOf(stack, stack.length * 2);
                            }
                            stack[top++] = q;
                        }
                    }
                }
            }
            boxes.add(new Rect(minX, minY, maxX - minX + 1, maxY - minY + 1));
        }
        return boxes;
    }

    /** Merges boxes until no two are within {@code distance} pixels of each other; sorted top-left first. */
    static List<Rect> merge(List<Rect> boxes, int distance) {
        if (boxes.size() > MAX_COMPONENTS) {
            // Thousands of specks (noise, a dithered mask) would make pairwise merging cubic; one
            // region around all of them is both faster and what such a mask means.
            return List.of(boxes.stream().reduce(RegionPlanner::union).orElseThrow());
        }
        List<Rect> work = new ArrayList<>(boxes);
        boolean merged = true;
        while (merged) {
            merged = false;
            outer:
            for (int i = 0; i < work.size(); i++) {
                for (int j = i + 1; j < work.size(); j++) {
                    if (near(work.get(i), work.get(j), distance)) {
                        work.set(i, union(work.get(i), work.get(j)));
                        work.remove(j);
                        merged = true;
                        break outer;
                    }
                }
            }
        }
        work.sort(Comparator.comparingInt(Rect::y).thenComparingInt(Rect::x));
        return work;
    }

    static List<Rect> plan(BinaryMask mask, int mergeDistance) {
        return merge(components(mask), mergeDistance);
    }

    /** True when the gap between the boxes is at most {@code distance} on both axes (overlap counts). */
    static boolean near(Rect a, Rect b, int distance) {
        int gapX = Math.max(a.x() - (b.x() + b.width()), b.x() - (a.x() + a.width()));
        int gapY = Math.max(a.y() - (b.y() + b.height()), b.y() - (a.y() + a.height()));
        return gapX < distance + 1 && gapY < distance + 1;
    }

    static Rect union(Rect a, Rect b) {
        int x0 = Math.min(a.x(), b.x());
        int y0 = Math.min(a.y(), b.y());
        int x1 = Math.max(a.x() + a.width(), b.x() + b.width());
        int y1 = Math.max(a.y() + a.height(), b.y() + b.height());
        return new Rect(x0, y0, x1 - x0, y1 - y0);
    }
}
