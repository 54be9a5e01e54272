import { lazy } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { Layout } from './ui/Layout.tsx';
import { NotFound } from './ui/NotFound.tsx';
import { Home } from './routes/public/Home.tsx';
import { Directory } from './routes/public/Directory.tsx';
import { OrganizationPage } from './routes/public/OrganizationPage.tsx';
import { Login } from './routes/auth/Login.tsx';
import { Register } from './routes/auth/Register.tsx';
import { ResetRequest, ResetConfirm } from './routes/auth/PasswordReset.tsx';

// Loaded on demand: the map (Leaflet) and the pages only members and staff use, so that a first
// visit to the public pages stays within its JavaScript budget (web/vite.config.ts).
const MapPage = lazy(() => import('./routes/map/MapPage.tsx'));
const Mine = lazy(() => import('./routes/member/Mine.tsx'));
const ProposeEdit = lazy(() => import('./routes/member/ProposeEdit.tsx'));
const Staff = lazy(() => import('./routes/staff/StaffRoutes.tsx'));
const Program = lazy(() => import('./routes/programs/MemberProgram.tsx'));
// The statistics page draws with ECharts (in a chunk of its own again, loaded with its first chart).
const Statistics = lazy(() => import('./routes/insights/Statistics.tsx'));
const Spaces = lazy(() => import('./routes/spaces/SpacesRoutes.tsx'));
// Resource sharing: one chunk for its pages and the notifications list.
const sharing = () => import('./routes/sharing/pages.tsx');
const SharingSearch = lazy(() => sharing().then((m) => ({ default: m.SharingSearch })));
const SharingResource = lazy(() => sharing().then((m) => ({ default: m.ResourcePage })));
const SharingResourceForm = lazy(() => sharing().then((m) => ({ default: m.ResourceForm })));
const MyRequests = lazy(() => sharing().then((m) => ({ default: m.MyRequests })));
const Notifications = lazy(() => sharing().then((m) => ({ default: m.Notifications })));
// The procurement catalogue: search, offering pages, members' forms, buyer matching (one chunk).
const catalogue = () => import('./routes/catalogue/pages.tsx');
const CatalogueSearch = lazy(() => catalogue().then((m) => ({ default: m.CatalogueSearch })));
const CatalogueOffering = lazy(() => catalogue().then((m) => ({ default: m.OfferingPage })));
const CatalogueForm = lazy(() => catalogue().then((m) => ({ default: m.OfferingForm })));
const CatalogueMine = lazy(() => catalogue().then((m) => ({ default: m.MyOfferings })));
const CatalogueMatch = lazy(() => catalogue().then((m) => ({ default: m.MatchPage })));
// Public procurement (공공구매): dashboard, drill-down, institutions, the buyer's dashboard (ECharts in a chunk of its own).
const Procurement = lazy(() => import('./routes/procurement/ProcurementRoutes.tsx'));
// 맺음 bundle orders: the shop, the order page, each party's list, the staff page with settlement.
const orders = () => import('./routes/orders/pages.tsx');
const OrdersShop = lazy(() => orders().then((m) => ({ default: m.Shop })));
const OrdersBundle = lazy(() => orders().then((m) => ({ default: m.BundlePage })));
const OrdersOrder = lazy(() => orders().then((m) => ({ default: m.OrderPage })));
const OrdersMine = lazy(() => orders().then((m) => ({ default: m.MyOrders })));
const OrdersSupply = lazy(() => orders().then((m) => ({ default: m.SupplyPage })));
const OrdersIntermediary = lazy(() => orders().then((m) => ({ default: m.IntermediaryPage })));
const OrdersStaff = lazy(() => orders().then((m) => ({ default: m.StaffOrders })));
const OrdersBundleEdit = lazy(() => import('./routes/orders/BundleForm.tsx').then((m) => ({ default: m.BundleEdit })));

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { index: true, element: <Home /> },
      { path: 'organizations', element: <Directory /> },
      { path: 'organizations/:id', element: <OrganizationPage /> },
      { path: 'map', element: <MapPage /> },
      { path: 'statistics', element: <Statistics /> },
      { path: 'spaces/*', element: <Spaces /> },
      { path: 'procurement/*', element: <Procurement /> },
      { path: 'catalogue', element: <CatalogueSearch /> },
      { path: 'catalogue/new', element: <CatalogueForm /> },
      { path: 'catalogue/mine', element: <CatalogueMine /> },
      { path: 'catalogue/match', element: <CatalogueMatch /> },
      { path: 'catalogue/:id', element: <CatalogueOffering /> },
      { path: 'catalogue/:id/edit', element: <CatalogueForm /> },
      { path: 'orders', element: <OrdersShop /> },
      { path: 'orders/bundles/new', element: <OrdersBundleEdit /> },
      { path: 'orders/bundles/:id', element: <OrdersBundle /> },
      { path: 'orders/bundles/:id/edit', element: <OrdersBundleEdit /> },
      { path: 'orders/view/:id', element: <OrdersOrder /> },
      { path: 'orders/mine', element: <OrdersMine /> },
      { path: 'orders/supply', element: <OrdersSupply /> },
      { path: 'orders/intermediary', element: <OrdersIntermediary /> },
      { path: 'staff/orders', element: <OrdersStaff /> },
      { path: 'sharing', element: <SharingSearch /> },
      { path: 'sharing/new', element: <SharingResourceForm /> },
      { path: 'sharing/resources/:id', element: <SharingResource /> },
      { path: 'sharing/resources/:id/edit', element: <SharingResourceForm /> },
      { path: 'me/requests', element: <MyRequests /> },
      { path: 'me/notifications', element: <Notifications /> },
      { path: 'login', element: <Login /> },
      { path: 'register', element: <Register /> },
      { path: 'password-reset', element: <ResetRequest /> },
      { path: 'reset-password', element: <ResetConfirm /> },
      { path: 'me', element: <Mine /> },
      { path: 'me/organizations/:id/propose', element: <ProposeEdit /> },
      { path: 'programs/:id', element: <Program /> },
      { path: 'staff/*', element: <Staff /> },
      { path: '*', element: <NotFound /> },
    ],
  },
];

export const router = () => createBrowserRouter(routes);
